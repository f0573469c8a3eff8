using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DecentCloud.Adapters.Ssh.Tests;

/// <summary>
/// A real OpenSSH server on a free loopback port with its own host key, accepting the test agent's key
/// for root and passwords for a throw-away local user. Needs root (useradd, sshd) and openssh-server,
/// which ./scripts/test.sh installs; without them the tests fail rather than skip.
/// </summary>
public sealed class RealSshd : IAsyncLifetime
{
    private Process? _sshd;

    public string Dir { get; } = Directory.CreateTempSubdirectory("dc-sshd-").FullName;

    public int Port { get; } = FreePort();

    public string AgentKey => Path.Combine(Dir, "agent_key");

    public string User { get; } = "dcreset" + Guid.NewGuid().ToString("N")[..6];

    public const string InitialPassword = "Initial-Passw0rd-for-the-test!";

    public async ValueTask InitializeAsync()
    {
        const string sshd = "/usr/sbin/sshd";
        if (!File.Exists(sshd) || Environment.UserName != "root")
        {
            throw new InvalidOperationException("These tests need root and openssh-server (/usr/sbin/sshd); ./scripts/test.sh provides both.");
        }

        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(Dir, "host_key"));
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "dc-agent", "-f", AgentKey);
        File.Copy(AgentKey + ".pub", Path.Combine(Dir, "authorized_keys"));
        await RunAsync("useradd", "-m", "-s", "/bin/sh", User);
        await RunAsync("sh", "-c", $"echo '{User}:{InitialPassword}' | chpasswd");
        Directory.CreateDirectory("/run/sshd");
        var config = Path.Combine(Dir, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {Path.Combine(Dir, "host_key")}
            PidFile {Path.Combine(Dir, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(Dir, "authorized_keys")}
            StrictModes no
            PermitRootLogin prohibit-password
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            UsePAM yes
            """);
        _sshd = Process.Start(new ProcessStartInfo(sshd, ["-D", "-e", "-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_sshd.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill();
            await _sshd.WaitForExitAsync();
        }

        await RunAsync("userdel", "-r", User);
        Directory.Delete(Dir, true);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && file != "userdel")
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
