using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// A real OpenSSH server on a free loopback port, standing in for a VM: root logs in with an authorized
/// key only (the agent's), a throw-away user with a password. Needs root and openssh-server (./scripts/test.sh).
/// </summary>
internal sealed class LocalSshd : IAsyncDisposable
{
    public const string InitialPassword = "Initial-Passw0rd-of-the-vm!";
    private Process? _sshd;

    public string Dir { get; } = Directory.CreateTempSubdirectory("dc-e2e-sshd-").FullName;

    public int Port { get; } = Programs.FreeTcpPort();

    public string User { get; } = "dcvm" + Guid.NewGuid().ToString("N")[..6];

    public static async Task<LocalSshd> StartAsync()
    {
        const string sshd = "/usr/sbin/sshd";
        if (!File.Exists(sshd) || Environment.UserName != "root")
        {
            throw new InvalidOperationException("this test needs root and openssh-server (/usr/sbin/sshd); ./scripts/test.sh provides both.");
        }

        var server = new LocalSshd();
        await Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(server.Dir, "host_key"));
        await File.WriteAllTextAsync(Path.Combine(server.Dir, "authorized_keys"), string.Empty);
        await Run("useradd", "-m", "-s", "/bin/sh", server.User);
        await Run("sh", "-c", $"echo '{server.User}:{InitialPassword}' | chpasswd");
        Directory.CreateDirectory("/run/sshd");
        var config = Path.Combine(server.Dir, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {server.Port}
            ListenAddress 127.0.0.1
            HostKey {Path.Combine(server.Dir, "host_key")}
            PidFile {Path.Combine(server.Dir, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(server.Dir, "authorized_keys")}
            StrictModes no
            PermitRootLogin prohibit-password
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            UsePAM yes
            """);
        server._sshd = Process.Start(new ProcessStartInfo(sshd, ["-D", "-e", "-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !server._sshd.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Lets the key log in as root (sshd reads the file at every login).</summary>
    public void Authorize(string publicKeyFile) => File.Copy(publicKeyFile, Path.Combine(Dir, "authorized_keys"), overwrite: true);

    /// <summary>Whether <paramref name="password"/> opens a password login for the user.</summary>
    public bool PasswordWorks(string password)
    {
        using var client = new Renci.SshNet.SshClient("127.0.0.1", Port, User, password);
        try
        {
            client.Connect();
            return client.IsConnected;
        }
        catch (Renci.SshNet.Common.SshAuthenticationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill();
            await _sshd.WaitForExitAsync();
        }

        await Run("userdel", "-r", User);
        Directory.Delete(Dir, true);
    }

    private static async Task Run(string file, params string[] args)
    {
        var result = await Programs.RunAsync(file, args);
        if (result.ExitCode != 0 && file != "userdel")
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {result}");
        }
    }
}
