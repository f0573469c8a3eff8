using System.Diagnostics;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Adapters.Ssh.Tests;

/// <summary>A machine answering with another SSH host key than the one recorded at provisioning gets no password.</summary>
public sealed class HostKeyPinningTests(LocalSshd sshd) : IClassFixture<LocalSshd>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SshOptions Options(string agentKey) => new() { PrivateKeyPath = agentKey, Timeout = TimeSpan.FromSeconds(15) };

    [Fact]
    public async Task The_recorded_host_key_is_the_servers_own_as_ssh_keygen_prints_it()
    {
        var recorded = await new SshHostKeyReader(Options(sshd.AgentKey)).ReadAsync("127.0.0.1", sshd.Port, Ct);

        // ssh-keygen -l: "256 SHA256:<base64> comment (ED25519)"
        var keygen = Process.Start(new ProcessStartInfo("ssh-keygen", ["-l", "-E", "sha256", "-f", Path.Combine(sshd.Dir, "host_key.pub")]) { RedirectStandardOutput = true })!;
        var line = (await keygen.StandardOutput.ReadToEndAsync(Ct)).Split(' ');
        await keygen.WaitForExitAsync(Ct);
        Assert.Equal($"ssh-ed25519 {line[1]}", recorded);
    }

    [Fact]
    public async Task A_server_with_another_host_key_is_refused_and_its_password_is_not_changed()
    {
        var recorded = await new SshHostKeyReader(Options(sshd.AgentKey)).ReadAsync("127.0.0.1", sshd.Port, Ct);

        // Another machine (its own host key) where the agent's key would log in: only the host key tells it apart.
        await using var impostor = await LocalSshd.StartAsync();
        var resetter = new SshPasswordResetter(Options(impostor.AgentKey));
        var secret = PasswordGenerator.New();

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() =>
            resetter.ResetAsync("127.0.0.1", impostor.Port, impostor.User, secret, recorded, Ct));

        Assert.Contains("host key", refused.Message);
        Assert.Contains(recorded, refused.Message);
        Assert.DoesNotContain(secret, refused.Message);
        Assert.True(impostor.PasswordWorks(LocalSshd.InitialPassword), "the impostor's password was changed");
        Assert.False(impostor.PasswordWorks(secret));

        // The same reset on the machine that was provisioned goes through.
        await new SshPasswordResetter(Options(sshd.AgentKey)).ResetAsync("127.0.0.1", sshd.Port, sshd.User, secret, recorded, Ct);
        Assert.True(sshd.PasswordWorks(secret));
    }

    [Fact]
    public async Task A_recorded_key_of_another_algorithm_or_form_is_refused()
    {
        var resetter = new SshPasswordResetter(Options(sshd.AgentKey));
        var recorded = await new SshHostKeyReader(Options(sshd.AgentKey)).ReadAsync("127.0.0.1", sshd.Port, Ct);
        var fingerprint = recorded.Split(' ')[1];

        var otherAlgorithm = await Assert.ThrowsAsync<ProvisioningException>(() =>
            resetter.ResetAsync("127.0.0.1", sshd.Port, sshd.User, PasswordGenerator.New(), "ecdsa-sha2-nistp256 " + fingerprint, Ct));
        Assert.Contains("127.0.0.1", otherAlgorithm.Message);
        await Assert.ThrowsAsync<ProvisioningException>(() => resetter.ResetAsync("127.0.0.1", sshd.Port, sshd.User, PasswordGenerator.New(), fingerprint, Ct));
    }

    [Fact]
    public async Task Reading_the_host_key_of_a_closed_port_is_a_provisioning_error()
    {
        await Assert.ThrowsAsync<ProvisioningException>(() => new SshHostKeyReader(Options(sshd.AgentKey)).ReadAsync("127.0.0.1", 1, Ct));
    }
}
