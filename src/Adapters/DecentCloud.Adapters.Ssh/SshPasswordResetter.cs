using System.Text;
using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DecentCloud.Adapters.Ssh;

/// <summary>
/// Resets passwords over SSH with <c>chpasswd</c>, the secret passed on standard input, only on a machine that presents
/// the host key recorded at provisioning (only that key's algorithm is offered, and any other key ends the connection).
/// </summary>
public sealed class SshPasswordResetter(SshOptions options) : IPasswordResetter
{
    /// <inheritdoc />
    public async Task ResetAsync(string host, int port, string loginUser, string newPassword, string expectedHostKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedHostKey);
        var algorithm = SshHostKey.AlgorithmOf(expectedHostKey)
            ?? throw new ProvisioningException($"the host key recorded for {host}:{port} is not in the form '<algorithm> SHA256:<fingerprint>'");
        ArgumentException.ThrowIfNullOrWhiteSpace(loginUser);
        ArgumentException.ThrowIfNullOrEmpty(newPassword);
        if (loginUser.Contains(':', StringComparison.Ordinal) || loginUser.Contains('\n', StringComparison.Ordinal) || newPassword.Contains('\n', StringComparison.Ordinal))
        {
            throw new ProvisioningException("the login user or password holds a character chpasswd cannot take");
        }

        using var key = new PrivateKeyFile(options.PrivateKeyPath);
        var connection = new ConnectionInfo(host, port, options.AdminUser, new PrivateKeyAuthenticationMethod(options.AdminUser, key))
        {
            Timeout = options.Timeout,
        };
        SshHostKey.Only(connection, algorithm);
        using var client = new SshClient(connection);
        string? mismatch = null;
        client.HostKeyReceived += (_, e) =>
        {
            // Nothing is sent (no login, no password) to a machine that is not the one provisioned.
            var presented = SshHostKey.Describe(e);
            e.CanTrust = string.Equals(presented, expectedHostKey, StringComparison.Ordinal);
            mismatch = e.CanTrust ? null : presented;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            var sudo = options.AdminUser == "root" ? string.Empty : "sudo -n ";
            using var command = client.CreateCommand(sudo + "chpasswd");
            command.CommandTimeout = options.Timeout;
            var running = command.ExecuteAsync(cancellationToken);
            using (var input = command.CreateInputStream())
            {
                var line = Encoding.UTF8.GetBytes($"{loginUser}:{newPassword}\n");
                await input.WriteAsync(line, cancellationToken);
            }

            await running;
            if (command.ExitStatus != 0)
            {
                throw new ProvisioningException($"chpasswd for {loginUser} on {host}:{port} failed with exit status {command.ExitStatus}: {command.Error.Trim()}");
            }
        }
        catch (Exception ex) when (ex is SshException or System.Net.Sockets.SocketException or TimeoutException)
        {
            if (mismatch is not null)
            {
                throw new ProvisioningException(
                    $"refused to reset the password on {host}:{port}: its SSH host key {mismatch} is not the one recorded at provisioning ({expectedHostKey}); the password was not changed",
                    ex);
            }

            throw new ProvisioningException($"cannot reset the password on {host}:{port} over SSH: {ex.Message}", ex);
        }
        finally
        {
            if (client.IsConnected)
            {
                client.Disconnect();
            }
        }
    }
}
