using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Domain.Tests;

public class DomainEventTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContractId Id = ContractId.FromHex(new string('c', 64)).Value;
    private static readonly string KeyA = new('a', 64);
    private static readonly string KeyB = new('b', 64);

    [Fact]
    public void A_contract_raises_its_request_payment_and_every_move_in_order()
    {
        var contract = Contract.Request(Id, TestTerms.Create(), T0);
        contract.MarkPaid(T0.AddMinutes(1));
        contract.MarkPaid(T0.AddMinutes(2));
        Assert.True(contract.MoveTo(ContractState.Accepted, "provider", "ok", T0.AddMinutes(3)).IsSuccess);
        Assert.True(contract.MoveTo(ContractState.Cancelled, "account:x", "changed my mind", T0.AddMinutes(4)).IsSuccess);

        Assert.Equal<IDomainEvent>(
            [
                new ContractRequested(Id, T0) { ProviderId = ProviderId.Create("prov-1").Value, RequesterAccountId = TestTerms.Account, OfferingId = "small" },
                new ContractPaid(Id, T0.AddMinutes(1)),
                new ContractStateChanged(Id, ContractState.Requested, ContractState.Accepted, "provider", T0.AddMinutes(3)),
                new ContractStateChanged(Id, ContractState.Accepted, ContractState.Cancelled, "account:x", T0.AddMinutes(4)),
            ],
            contract.PendingEvents());
    }

    [Fact]
    public void A_refused_move_raises_nothing()
    {
        var contract = Contract.Request(Id, TestTerms.Create(), T0);
        _ = contract.TakeEvents();
        Assert.True(contract.MoveTo(ContractState.Completed, "provider", "no", T0).IsFailed);
        Assert.Empty(contract.PendingEvents());
    }

    [Fact]
    public void Provisioning_reports_raise_the_moves_they_cause()
    {
        var agent = AgentPublicKey.FromHex(KeyA).Value;
        var contract = Contract.Request(Id, TestTerms.Create(free: true), T0);
        Assert.True(contract.MoveTo(ContractState.Accepted, "provider", "ok", T0).IsSuccess);
        Assert.True(contract.AcquireLease(agent, T0, TimeSpan.FromMinutes(5)).IsSuccess);
        _ = contract.TakeEvents();

        Assert.True(contract.CompleteProvisioning(agent, "vm-1", "{}", "root", T0.AddMinutes(1)).IsSuccess);

        Assert.Equal(
            [(ContractState.Accepted, ContractState.Provisioning), (ContractState.Provisioning, ContractState.Provisioned)],
            contract.PendingEvents().Cast<ContractStateChanged>().Select(e => (e.From, e.To)));
    }

    [Fact]
    public void A_password_reset_raises_its_answer_once()
    {
        var agent = AgentPublicKey.FromHex(KeyA).Value;
        var contract = Contract.Request(Id, TestTerms.Create(free: true), T0);
        Assert.True(contract.MoveTo(ContractState.Accepted, "provider", "ok", T0).IsSuccess);
        Assert.True(contract.AcquireLease(agent, T0, TimeSpan.FromMinutes(5)).IsSuccess);
        Assert.True(contract.CompleteProvisioning(agent, "vm-1", "{}", "root", T0.AddMinutes(1)).IsSuccess);
        Assert.True(contract.RequestPasswordReset(T0.AddHours(1)).IsSuccess);
        _ = contract.TakeEvents();

        Assert.True(contract.CompletePasswordReset(true, null, T0.AddHours(2)).IsSuccess);
        Assert.True(contract.CompletePasswordReset(true, null, T0.AddHours(3)).IsSuccess);

        Assert.Equal<IDomainEvent>([new PasswordResetDone(Id, TestTerms.Account, true, T0.AddHours(1), T0.AddHours(2))], contract.PendingEvents());
    }

    [Fact]
    public void A_running_contract_warns_only_within_the_lookahead_of_its_end()
    {
        var agent = AgentPublicKey.FromHex(KeyA).Value;
        var contract = Contract.Request(Id, TestTerms.Create(free: true, durationSeconds: 86400), T0);
        var day = TimeSpan.FromDays(1);
        Assert.False(contract.WarnIfEndingSoon(T0, day));
        Assert.True(contract.MoveTo(ContractState.Accepted, "provider", "ok", T0).IsSuccess);
        Assert.True(contract.AcquireLease(agent, T0, TimeSpan.FromMinutes(5)).IsSuccess);
        Assert.True(contract.CompleteProvisioning(agent, "vm-1", "{}", "root", T0).IsSuccess);
        var end = contract.EndsAt!.Value;
        _ = contract.TakeEvents();

        Assert.False(contract.WarnIfEndingSoon(end - day - TimeSpan.FromSeconds(1), day));
        Assert.True(contract.WarnIfEndingSoon(end - day, day));
        Assert.False(contract.WarnIfEndingSoon(end, day));

        Assert.Equal<IDomainEvent>([new ContractEndingSoon(Id, TestTerms.Account, end, end - day)], contract.PendingEvents());
    }

    [Fact]
    public void Taking_the_events_forgets_them()
    {
        var contract = Contract.Request(Id, TestTerms.Create(), T0);
        Assert.Single(contract.TakeEvents());
        Assert.Empty(contract.TakeEvents());
        Assert.Empty(contract.PendingEvents());
    }

    [Fact]
    public void A_gateway_account_raises_registration_and_every_revocation()
    {
        var dc = DcId.Create("dc-lk").Value;
        var provider = ProviderId.Create("prov-a").Value;
        var account = AcmeDnsAccount.Open(dc, provider, Guid.NewGuid(), [1], T0);
        account.Revoke(T0.AddHours(1));
        account.Revoke(T0.AddHours(2));

        Assert.Equal<IDomainEvent>(
            [
                new GatewayRegistered(dc, provider, T0),
                new GatewayCredentialsRevoked(dc, provider, T0.AddHours(1)),
                new GatewayCredentialsRevoked(dc, provider, T0.AddHours(2)),
            ],
            account.PendingEvents());
    }

    [Fact]
    public void An_account_raises_devices_added_and_revoked_but_not_refused_changes()
    {
        var id = Guid.NewGuid();
        var account = Account.Register(id, new string('c', 64), KeyA.ToUpperInvariant(), "laptop", T0).Value;
        Assert.True(account.AddDevice(KeyB, "phone", T0.AddMinutes(1)).IsSuccess);
        Assert.True(account.AddDevice(KeyB, "phone again", T0.AddMinutes(2)).IsSuccess);
        Assert.True(account.RevokeDevice(KeyA, T0.AddMinutes(3)).IsSuccess);
        Assert.True(account.RevokeDevice(KeyB, T0.AddMinutes(4)).IsFailed);

        Assert.Equal<IDomainEvent>(
            [
                new AccountDeviceAdded(id, KeyA, T0),
                new AccountDeviceAdded(id, KeyB, T0.AddMinutes(1)),
                new AccountDeviceRevoked(id, KeyA, T0.AddMinutes(3)),
            ],
            account.PendingEvents());
    }
}
