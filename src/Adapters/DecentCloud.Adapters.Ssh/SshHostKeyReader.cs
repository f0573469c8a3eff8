using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DecentCloud.Adapters.Ssh;

/// <summary>Reads a machine's SSH host key during the key exchange and hangs up before logging in.</summary>
public sealed class SshHostKeyReader(SshOptions options) : IHostKeyReader
{
    /// <inheritdoc />
    public async Task<string> ReadAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var connection = new ConnectionInfo(host, port, options.AdminUser, new NoneAuthenticationMethod(options.AdminUser)) { Timeout = options.Timeout };
        using var client = new SshClient(connection);
        string? presented = null;
        client.HostKeyReceived += (_, e) =>
        {
            presented = SshHostKey.Describe(e);

            // Refusing the key ends the connection here: reading it needs no login.
            e.CanTrust = false;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is SshException or System.Net.Sockets.SocketException or TimeoutException)
        {
            if (presented is null)
            {
                throw new ProvisioningException($"cannot read the SSH host key of {host}:{port}: {ex.Message}", ex);
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                client.Disconnect();
            }
        }

        return presented ?? throw new ProvisioningException($"{host}:{port} presented no SSH host key");
    }
}
