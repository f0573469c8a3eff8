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

        // Only the machine that was reached had a password sealed (before the change, which it refused); none is uploaded or kept.
        Assert.Single(agent.Sealer.Sealed);
        Assert.Empty(agent.Store.Entries);
    }

    [Fact]
    public async Task A_reset_seals_and_journals_the_new_password_before_it_changes_the_machine()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.Backend.Add(id, ip: "198.51.100.7");
        agent.Api.Resets.Add(Reset(id.Hex));
        var sealedBeforeChange = false;
        var journaledBeforeChange = false;
        agent.Resetter.OnReset = password =>
        {
            var envelope = agent.Sealer.Sealed.SingleOrDefault(e => e.Value == password).Key;
            sealedBeforeChange = envelope is not null;
            journaledBeforeChange = envelope is not null && agent.Store.Entries.Values.Any(v => JournaledEnvelope(v) == envelope);
        };

        await agent.Resets().RunAsync(Ct);

        Assert.Single(agent.Resetter.Resets);
        Assert.True(sealedBeforeChange, "the machine's password was changed before it was sealed: a failed seal or a crash leaves a password nobody can read");
        Assert.True(journaledBeforeChange, "the new password's envelope was not journaled before the machine's password was changed");
        Assert.Equal("succeeded", Assert.Single(agent.Api.Passwords).Outcome.Status);
        Assert.Empty(agent.Store.Entries);
    }

    [Fact]
    public async Task A_password_set_before_the_report_was_lost_is_delivered_from_the_journal_without_changing_it_again()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.Backend.Add(id, ip: "198.51.100.7");
        agent.Api.Resets.Add(Reset(id.Hex));
        agent.Api.FailPasswordReports = 1;

        await Assert.ThrowsAsync<ProviderApiException>(() => agent.Resets().RunAsync(Ct));
        var set = Assert.Single(agent.Resetter.Resets).Password;
        Assert.Empty(agent.Api.Passwords);

        await agent.Resets().RunAsync(Ct);

        Assert.Single(agent.Resetter.Resets);
        var (_, outcome) = Assert.Single(agent.Api.Passwords);
        Assert.Equal("succeeded", outcome.Status);
        Assert.Equal(set, agent.Sealer.Sealed[outcome.CredentialEnvelope!]);
        Assert.Empty(agent.Store.Entries);
    }

    [Fact]
    public async Task A_journaled_password_of_an_earlier_request_is_not_delivered_for_a_new_one()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.Backend.Add(id, ip: "198.51.100.7");
        new Passwords.PasswordResetJournal(agent.Store).Changed(id.Hex, DateTimeOffset.UnixEpoch.AddDays(-1), "{\"old\":true}");
        agent.Api.Resets.Add(Reset(id.Hex));

        await agent.Resets().RunAsync(Ct);

        var fresh = Assert.Single(agent.Resetter.Resets).Password;
        var (_, outcome) = Assert.Single(agent.Api.Passwords);
        Assert.Equal(fresh, agent.Sealer.Sealed[outcome.CredentialEnvelope!]);
    }

    [Fact]
    public async Task A_reset_expects_the_host_key_recorded_at_provisioning_and_a_changed_key_fails_the_reset_with_its_reason()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.Api.Pending.Add(AgentFixture.Pending(id));
        await agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);
        Assert.Equal(FakeHostKeys.Machine, agent.HostKeyJournal.Recorded(id.Hex));

        // Another machine now answers at the address (or the machine was swapped): it presents another key.
        agent.Resetter.PresentedHostKey = "ssh-ed25519 SHA256:aW1wb3N0b3ItaG9zdC1rZXktYWFhYWFhYWFhYWFh";
        agent.HostKeys.Presented = agent.Resetter.PresentedHostKey;
        agent.Api.Resets.Add(Reset(id.Hex));

        await agent.Resets().RunAsync(Ct);

        Assert.Equal([FakeHostKeys.Machine], agent.Resetter.ExpectedHostKeys);
        Assert.Empty(agent.Resetter.Resets);
        var (_, outcome) = Assert.Single(agent.Api.Passwords);
        Assert.Equal(("failed", null), (outcome.Status, outcome.CredentialEnvelope));
        Assert.Contains("host key", outcome.Reason);
        Assert.Contains("recorded at provisioning", outcome.Reason);
        Assert.Equal(FakeHostKeys.Machine, agent.HostKeyJournal.Recorded(id.Hex));
    }

    [Fact]
    public async Task A_machine_without_a_recorded_key_has_it_recorded_at_its_first_reset_and_checked_at_every_later_one()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        agent.Backend.Add(id, ip: "198.51.100.7");
        agent.Api.Resets.Add(Reset(id.Hex));

        await agent.Resets().RunAsync(Ct);
        Assert.Equal(FakeHostKeys.Machine, agent.HostKeyJournal.Recorded(id.Hex));
        Assert.Equal([("198.51.100.7", 22)], agent.HostKeys.Reads);

        agent.HostKeys.Presented = agent.Resetter.PresentedHostKey = "ssh-ed25519 SHA256:b3RoZXIta2V5LWxhdGVyLWFhYWFhYWFhYWFhYWFhYQ";
        await agent.Resets().RunAsync(Ct);

        Assert.Equal(["succeeded", "failed"], agent.Api.Passwords.Select(p => p.Outcome.Status));
        Assert.Single(agent.HostKeys.Reads);
    }

    private static string? JournaledEnvelope(string entry)
    {
        using var json = System.Text.Json.JsonDocument.Parse(entry);
        return json.RootElement.TryGetProperty("envelope", out var envelope) ? envelope.GetString() : null;
    }
}
