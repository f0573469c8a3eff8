using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// A real OpenSSH server on a free loopback port with its own host key, standing in for a VM: root logs in
/// by key only (a test agent key made here, or the key given to <see cref="Authorize"/>), a throw-away local
/// user with a password. Needs root (useradd, sshd) and openssh-server, which ./scripts/test.sh installs;
/// without them the tests fail rather than skip. A class fixture, or <see cref="StartAsync"/>.
/// </summary>
public sealed class LocalSshd : IAsyncLifetime
{
    private Process? _sshd;

    public string Dir { get; } = Directory.CreateTempSubdirectory("dc-sshd-").FullName;

    public int Port { get; } = FreePort();

    public string AgentKey => Path.Combine(Dir, "agent_key");

    public string User { get; } = "dcreset" + Guid.NewGuid().ToString("N")[..6];

    public const string InitialPassword = "Initial-Passw0rd-for-the-test!";

    public static async Task<LocalSshd> StartAsync()
    {
        var server = new LocalSshd();
        await server.InitializeAsync();
        return server;
    }

    /// <summary>Lets the key log in as root instead of the test agent key (sshd reads the file at every login).</summary>
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
