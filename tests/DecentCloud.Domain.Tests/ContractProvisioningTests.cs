using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Tests.Shared;

namespace DecentCloud.Domain.Tests;

public class ContractProvisioningTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly AgentPublicKey A = AgentPublicKey.FromHex(new string('a', 64)).Value;
    private static readonly AgentPublicKey B = AgentPublicKey.FromHex(new string('b', 64)).Value;

    private static Contract Accepted(bool paid = true)
    {
        var contract = Contract.Request(ContractId.FromHex(new string('c', 64)).Value, TestTerms.Create(), T0);
        Assert.True(contract.MoveTo(ContractState.Accepted, "provider", "ok", T0).IsSuccess);
        if (paid)
        {
            contract.MarkPaid(T0);
        }

        return contract;
    }

    private static Contract Provisioned()
    {
        var contract = Accepted();
        contract.AcquireLease(A, T0, Lease);
        Assert.True(contract.CompleteProvisioning(A, "srv-1", "{}", "root", T0).IsSuccess);
        return contract;
    }

    [Fact]
    public void A_lease_goes_to_one_agent_until_it_runs_out()
    {
        var contract = Accepted();
        Assert.Equal(new LeaseOutcome(true, T0 + Lease), contract.AcquireLease(A, T0, Lease).Value);
        Assert.Equal(new LeaseOutcome(false, T0 + Lease), contract.AcquireLease(B, T0.AddMinutes(4), Lease).Value);
        Assert.False(contract.IsOpenFor(B, T0.AddMinutes(4)));
        Assert.True(contract.IsOpenFor(A, T0.AddMinutes(4)));
        Assert.Equal(new LeaseOutcome(true, T0.AddMinutes(4) + Lease), contract.AcquireLease(A, T0.AddMinutes(4), Lease).Value);
        Assert.True(contract.AcquireLease(B, T0.AddMinutes(10), Lease).Value.Acquired);
        Assert.Equal(B, contract.LeaseHolder);
    }

    [Fact]
    public void Unpaid_or_running_contracts_cannot_be_leased()
    {
        Assert.Equal("payment_required", Accepted(paid: false).AcquireLease(A, T0, Lease).FirstDomainError().Code);
        Assert.Equal("not_provisionable", Provisioned().AcquireLease(A, T0, Lease).FirstDomainError().Code);
    }

    [Fact]
    public void Reports_need_the_lease_and_repeating_provisioned_is_a_no_op()
    {
        var contract = Accepted();
        Assert.Equal("lease_not_held", contract.BeginProvisioning(A, T0).FirstDomainError().Code);
        contract.AcquireLease(A, T0, Lease);
        Assert.Equal("lease_not_held", contract.CompleteProvisioning(B, "srv-1", "{}", "root", T0).FirstDomainError().Code);
        Assert.True(contract.BeginProvisioning(A, T0).IsSuccess);
        Assert.True(contract.BeginProvisioning(A, T0.AddMinutes(1)).IsSuccess);
        Assert.True(contract.CompleteProvisioning(A, "srv-1", "{\"ipv4\":\"203.0.113.7\"}", "root", T0.AddMinutes(2)).IsSuccess);
        Assert.True(contract.CompleteProvisioning(A, "srv-1", "{}", "root", T0.AddMinutes(3)).IsSuccess);
        Assert.Equal(ContractState.Provisioned, contract.State);
        Assert.Equal(T0.AddMinutes(2).AddHours(1), contract.EndsAt);
        Assert.Single(contract.History, h => h.To == ContractState.Provisioned);
        Assert.Null(contract.LeaseHolder);
    }

    [Fact]
    public void Lease_renewals_and_repeated_provisioning_reports_are_not_progress()
    {
        // An agent that keeps failing renews its lease and reports "provisioning" again on every attempt;
        // neither is progress, so the contract fails once the provisioning timeout has passed since it began.
        var timeout = TimeSpan.FromMinutes(30);
        var contract = Accepted();
        contract.AcquireLease(A, T0, Lease);
        contract.BeginProvisioning(A, T0);
        for (var minute = 4; minute <= 28; minute += 4)
        {
            contract.AcquireLease(A, T0.AddMinutes(minute), Lease);
            contract.BeginProvisioning(A, T0.AddMinutes(minute));
            Assert.False(contract.ApplyTimeouts(T0.AddMinutes(minute), TimeSpan.FromHours(1), timeout));
        }

        contract.AcquireLease(A, T0.AddMinutes(32), Lease);
        contract.BeginProvisioning(A, T0.AddMinutes(32));

        Assert.True(contract.ApplyTimeouts(T0.AddMinutes(32), TimeSpan.FromHours(1), timeout), $"still {contract.State}, progress at {contract.ProgressAt:t}");
        Assert.Equal(ContractState.ProvisioningFailed, contract.State);
        Assert.Equal(("system", "timeout"), (contract.History[^1].Actor, contract.History[^1].Reason));
    }

    [Fact]
    public void An_agents_failure_reason_is_recorded_and_bounded()
    {
        var contract = Accepted();
        contract.AcquireLease(A, T0, Lease);
        var reason = "credential sealing failed: a recipient key is not a valid X25519 key " + new string('x', 2000);

        Assert.True(contract.FailProvisioning(A, reason, T0.AddMinutes(1)).IsSuccess);

        Assert.Equal(ContractState.ProvisioningFailed, contract.State);
        var recorded = contract.History[^1].Reason;
        Assert.Equal(Contract.MaxFailureReasonLength, recorded.Length);
        Assert.StartsWith("credential sealing failed: a recipient key is not a valid X25519 key", recorded, StringComparison.Ordinal);

        var unexplained = Accepted();
        unexplained.AcquireLease(A, T0, Lease);
        Assert.True(unexplained.FailProvisioning(A, " \n ", T0).IsSuccess);
        Assert.Equal("agent reported a failure", unexplained.History[^1].Reason);
    }

    [Fact]
    public void Reconcile_decides_by_state_running_and_end_of_time()
    {
        var provisioned = Provisioned();
        Assert.Equal(InstanceAction.Keep, provisioned.DecideInstanceAction(running: true, T0));
        Assert.Equal(InstanceAction.Resume, provisioned.DecideInstanceAction(running: false, T0));
        provisioned.MoveTo(ContractState.Active, "system", "healthy", T0);
        provisioned.MoveTo(ContractState.Paused, "user", "pause", T0);
        Assert.Equal(InstanceAction.Pause, provisioned.DecideInstanceAction(running: true, T0));
        Assert.Equal(InstanceAction.Keep, provisioned.DecideInstanceAction(running: false, T0));
        Assert.Equal(InstanceAction.Terminate, provisioned.DecideInstanceAction(running: false, T0.AddHours(2)));
        provisioned.MoveTo(ContractState.Cancelled, "user", "bye", T0);
        Assert.Equal(InstanceAction.Terminate, provisioned.DecideInstanceAction(running: true, T0));
        var accepted = Accepted();
        Assert.Equal(InstanceAction.Keep, accepted.DecideInstanceAction(running: true, T0));
        var requested = Contract.Request(ContractId.FromHex(new string('d', 64)).Value, TestTerms.Create(), T0);
        Assert.Equal(InstanceAction.Unknown, requested.DecideInstanceAction(running: true, T0));
    }

    [Fact]
    public void Terminating_an_ended_contract_completes_it_and_an_early_one_stays_as_it_is()
    {
        var ended = Provisioned();
        ended.MoveTo(ContractState.Active, "system", "healthy", T0);
        ended.MarkTerminated(T0.AddHours(2));
        Assert.Equal(ContractState.Completed, ended.State);
        var early = Provisioned();
        early.MoveTo(ContractState.Active, "system", "healthy", T0);
        early.MarkTerminated(T0.AddMinutes(5));
        Assert.Equal(ContractState.Active, early.State);
        Assert.Equal(T0.AddMinutes(5), early.TerminatedAt);
    }

    [Fact]
    public void Password_resets_are_idempotent_and_need_a_running_contract()
    {
        Assert.Equal("not_running", Accepted().RequestPasswordReset(T0).FirstDomainError().Code);
        var contract = Provisioned();
        Assert.Equal("no_reset_pending", contract.CompletePasswordReset(true, null).FirstDomainError().Code);
        Assert.True(contract.RequestPasswordReset(T0).IsSuccess);
        Assert.True(contract.RequestPasswordReset(T0.AddMinutes(1)).IsSuccess);
        Assert.Equal(T0, contract.PasswordResetRequestedAt);
        Assert.True(contract.CompletePasswordReset(false, "ssh refused").IsSuccess);
        Assert.True(contract.CompletePasswordReset(false, "ssh refused").IsSuccess);
        Assert.Equal((PasswordResetState.Failed, "ssh refused"), (contract.PasswordReset, contract.PasswordResetError));
        Assert.Equal("no_reset_pending", contract.CompletePasswordReset(true, null).FirstDomainError().Code);
    }

    [Theory]
    [InlineData("hunter2")]
    [InlineData("{\"password\":\"hunter2\"}")]
    [InlineData("{\"version\":2,\"contract_id\":\"cccc\",\"ciphertext\":\"x\",\"recipients\":[{}]}")]
    [InlineData("{\"version\":3,\"contract_id\":\"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\",\"ciphertext\":\"x\",\"recipients\":[{}]}")]
    [InlineData("{\"version\":3,\"contract_id\":\"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\",\"ciphertext\":\"x\",\"recipients\":[]}")]
    [InlineData("{\"version\":3.5,\"contract_id\":\"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\",\"ciphertext\":\"x\",\"recipients\":[{}]}")]
    [InlineData("{\"version\":3,\"contract_id\":\"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\",\"ciphertext\":\"x\",\"recipients\":[{}]}")]
    public void Only_a_v3_envelope_for_the_contract_is_accepted_as_a_credential(string upload)
    {
        var id = ContractId.FromHex(new string('c', 64)).Value;
        Assert.Equal("invalid_envelope", SealedCredential.Parse(upload, id, SealedEnvelopes.AccountKey, [SealedEnvelopes.DeviceKey]).FirstDomainError().Code);
        var good = SealedCredential.Parse(SealedEnvelopes.Make(id.Hex), id, SealedEnvelopes.AccountKey, [SealedEnvelopes.DeviceKey]).Value;
        Assert.Equal(T0.AddDays(7), ContractCredential.Accept(id, good, "root", T0, TimeSpan.FromDays(7)).Value.ExpiresAt);
    }

    [Fact]
    public void Accounts_keep_at_least_one_device_and_revoked_keys_stay_revoked()
    {
        var first = new string('1', 64);
        var second = new string('2', 64);
        Assert.Equal(2, Account.Register(Guid.NewGuid(), "zz", "short", null, T0).Errors.Count);
        var account = Account.Register(Guid.NewGuid(), new string('f', 64), first, "laptop", T0).Value;
        Assert.Equal("last_device", account.RevokeDevice(first, T0).FirstDomainError().Code);
        Assert.True(account.AddDevice(second, "phone", T0).IsSuccess);
        Assert.True(account.AddDevice(second, "phone", T0).IsSuccess);
        Assert.True(account.RevokeDevice(first, T0).IsSuccess);
        Assert.False(account.HasActiveDevice(first));
        Assert.Equal("device_revoked", account.AddDevice(first, null, T0).FirstDomainError().Code);
        Assert.Equal([second], account.ActiveDevices.Select(d => d.KeyHex));
    }

    [Fact]
    public void Contract_terms_report_every_bad_field()
    {
        var terms = ContractTerms.Create(Guid.Empty, "", "Bad Pool", "", 0, 1, 0, "rsa nope", "[1]", null, 10, null);
        Assert.Equal(
            ["invalid_provider", "invalid_pool", "invalid_account", "invalid_offering", "invalid_cores", "invalid_memory", "invalid_storage",
             "invalid_ssh_key", "invalid_instance_config", "invalid_duration", "invalid_price"],
            terms.Errors.OfType<DomainError>().Select(e => e.Code));
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@laptop", true)]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g", true)]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@laptop", false)]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzZXJrZXk user@laptop", false)]
    [InlineData("ssh-ed25519", false)]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\nssh-rsa x", false)]
    public void Ssh_keys_must_be_one_well_formed_line_whose_blob_names_its_type(string line, bool valid) =>
        Assert.Equal(valid, SshPublicKeyLine.TryReadBlob(line.Replace("\\n", "\n", StringComparison.Ordinal)) is not null);
}
