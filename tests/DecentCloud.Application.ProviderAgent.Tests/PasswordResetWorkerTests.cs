using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Tests;

public class PasswordResetWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PendingPasswordReset Reset(string contractHex) => new(contractHex, null, "ubuntu", new CredentialRecipients("aa", ["bb"]), DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_reset_sets_a_fresh_password_over_ssh_on_the_contracts_machine_and_uploads_only_its_envelope()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.Backend.Add(id, ip: "198.51.100.7");
        agent.Api.Resets.Add(Reset(id.Hex));

        await agent.Resets().RunAsync(Ct);

        var (host, port, user, password) = Assert.Single(agent.Resetter.Resets);
        Assert.Equal(("198.51.100.7", 22, "ubuntu"), (host, port, user));
        Assert.True(password.Length >= PasswordGenerator.MinimumLength);
        var (contract, outcome) = Assert.Single(agent.Api.Passwords);
        Assert.Equal((id.Hex, "succeeded"), (contract, outcome.Status));
        Assert.Equal(password, agent.Sealer.Sealed[outcome.CredentialEnvelope!]);
        Assert.DoesNotContain(password, outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_machine_a_refusing_machine_and_a_malformed_id_each_fail_with_their_reason()
    {
        var agent = new AgentFixture();
        var (gone, refusing) = (AgentFixture.NewContract(), AgentFixture.NewContract());
        agent.Backend.Add(refusing);
        agent.Resetter.Refuse = new ProvisioningException("ssh to 192.0.2.10:22 refused the agent's key");
        agent.Api.Resets.AddRange([Reset(gone.Hex), Reset(refusing.Hex), Reset("xyz")]);

        await agent.Resets().RunAsync(Ct);

        Assert.Equal(
            [(gone.Hex, "the machine was not found at the backend"), (refusing.Hex, "ssh to 192.0.2.10:22 refused the agent's key"), ("xyz", "malformed contract id")],
            agent.Api.Passwords.Select(p => (p.ContractId, p.Outcome.Reason!)));
        Assert.All(agent.Api.Passwords, p => Assert.Equal(("failed", null), (p.Outcome.Status, p.Outcome.CredentialEnvelope)));
        Assert.Empty(agent.Sealer.Sealed);
    }
}
