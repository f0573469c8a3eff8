using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DecentCloud.Adapters.Ssh.Tests;

public sealed class SshPasswordResetterTests(LocalSshd sshd) : IClassFixture<LocalSshd>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SshPasswordResetter Resetter() => new(new SshOptions { PrivateKeyPath = sshd.AgentKey, AdminUser = "root", Timeout = TimeSpan.FromSeconds(15) });

    private Task<string> HostKey() => new SshHostKeyReader(new SshOptions { PrivateKeyPath = sshd.AgentKey, Timeout = TimeSpan.FromSeconds(15) }).ReadAsync("127.0.0.1", sshd.Port, Ct);

    private string LoginAs(string password)
    {
        using var client = new SshClient(new ConnectionInfo("127.0.0.1", sshd.Port, sshd.User, new PasswordAuthenticationMethod(sshd.User, password)) { Timeout = TimeSpan.FromSeconds(15) });
        client.Connect();
        var whoami = client.RunCommand("whoami").Result.Trim();
        client.Disconnect();
        return whoami;
    }

    [Fact]
    public async Task The_new_password_works_for_a_password_login_and_the_old_one_no_longer_does()
    {
        Assert.Equal(sshd.User, LoginAs(LocalSshd.InitialPassword));
        var newPassword = PasswordGenerator.New();
        await Resetter().ResetAsync("127.0.0.1", sshd.Port, sshd.User, newPassword, await HostKey(), Ct);

        Assert.Equal(sshd.User, LoginAs(newPassword));
        Assert.Throws<SshAuthenticationException>(() => LoginAs(LocalSshd.InitialPassword));

        // Resetting is idempotent: the same password again leaves a working login.
        await Resetter().ResetAsync("127.0.0.1", sshd.Port, sshd.User, newPassword, await HostKey(), Ct);
        Assert.Equal(sshd.User, LoginAs(newPassword));
    }

    [Fact]
    public async Task Failures_are_provisioning_errors_without_the_password()
    {
        const string secret = "Never-In-Messages-0123456789!";
        var hostKey = await HostKey();
        var unknownUser = await Assert.ThrowsAsync<ProvisioningException>(() => Resetter().ResetAsync("127.0.0.1", sshd.Port, "no-such-user-x", secret, hostKey, Ct));
        Assert.Contains("chpasswd", unknownUser.Message);
        Assert.DoesNotContain(secret, unknownUser.Message);

        var closed = await Assert.ThrowsAsync<ProvisioningException>(() => Resetter().ResetAsync("127.0.0.1", 1, sshd.User, secret, hostKey, Ct));
        Assert.DoesNotContain(secret, closed.Message);

        await Assert.ThrowsAsync<ProvisioningException>(() => Resetter().ResetAsync("127.0.0.1", sshd.Port, "a:b", secret, hostKey, Ct));
    }
}
