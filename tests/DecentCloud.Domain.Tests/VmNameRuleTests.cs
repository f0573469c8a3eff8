using System.Net;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Domain.Tests;

/// <summary>Issue 11: a VM's name belongs to one contract, and only a live contract keeps others off it.</summary>
public class VmNameRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ContractId Holder = ContractId.FromHex(new string('a', 64)).Value;
    private static readonly ContractId Claimant = ContractId.FromHex(new string('b', 64)).Value;
    private static readonly IPAddress First = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Second = IPAddress.Parse("198.51.100.9");

    private static VmAddressRecord HeldRecord() =>
        VmAddressRecord.CreateFor(Holder, DcId.Create("dc-lk").Value, VmSlug.Create("k7m2p4").Value, First, ProviderId.Create("prov-a").Value, T0);

    private static VmAddressRecord LegacyRecord() =>
        VmAddressRecord.Create(DcId.Create("dc-lk").Value, VmSlug.Create("k7m2p4").Value, First, ProviderId.Create("prov-a").Value, T0);

    [Theory]
    [InlineData(ContractState.Requested, false)]
    [InlineData(ContractState.Pending, false)]
    [InlineData(ContractState.Accepted, true)]
    [InlineData(ContractState.Provisioning, true)]
    [InlineData(ContractState.Provisioned, true)]
    [InlineData(ContractState.Active, true)]
    [InlineData(ContractState.Paused, true)]
    [InlineData(ContractState.Rejected, false)]
    [InlineData(ContractState.Cancelled, false)]
    [InlineData(ContractState.Expired, false)]
    [InlineData(ContractState.Completed, false)]
    [InlineData(ContractState.ProvisioningFailed, false)]
    public void A_contract_is_live_from_acceptance_until_it_ends(ContractState state, bool live) =>
        Assert.Equal(live, state.IsLive());

    [Fact]
    public void Every_terminal_state_is_not_live() =>
        Assert.All(Enum.GetValues<ContractState>().Where(s => s.IsTerminal()), s => Assert.False(s.IsLive()));

    [Theory]
    [InlineData(ContractState.Accepted)]
    [InlineData(ContractState.Provisioning)]
    [InlineData(ContractState.Active)]
    [InlineData(ContractState.Paused)]
    public void A_name_another_live_contract_holds_is_refused_with_slug_taken_and_unchanged(ContractState holderState)
    {
        var record = HeldRecord();

        var claim = record.ClaimFor(Claimant, holderState, Second, T0.AddMinutes(1));

        var error = Assert.IsType<DomainError>(Assert.Single(claim.Errors));
        Assert.Equal((ErrorKind.Conflict, VmAddressRecord.SlugTaken), (error.Kind, error.Code));
        Assert.Equal((Holder, "203.0.113.7", T0), (record.ContractId, record.Address, record.UpdatedAt));
    }

    [Theory]
    [InlineData(ContractState.Cancelled)]
    [InlineData(ContractState.Completed)]
    [InlineData(ContractState.ProvisioningFailed)]
    [InlineData(null)]
    public void A_name_of_an_ended_or_vanished_contract_is_taken_over(ContractState? holderState)
    {
        var record = HeldRecord();

        var claim = record.ClaimFor(Claimant, holderState, Second, T0.AddMinutes(1));

        Assert.True(claim.Value);
        Assert.Equal((Claimant, "198.51.100.9", T0.AddMinutes(1)), (record.ContractId, record.Address, record.UpdatedAt));
    }

    [Fact]
    public void A_legacy_name_of_no_contract_is_taken_over()
    {
        var record = LegacyRecord();

        Assert.True(record.ClaimFor(Claimant, null, First, T0.AddMinutes(1)).Value);
        Assert.True(record.IsHeldBy(Claimant));
    }

    [Fact]
    public void The_holder_claiming_again_is_a_no_op_and_a_new_address_moves_it()
    {
        var record = HeldRecord();

        Assert.False(record.ClaimFor(Holder, ContractState.Active, First, T0.AddMinutes(1)).Value);
        Assert.Equal(T0, record.UpdatedAt);

        Assert.True(record.ClaimFor(Holder, ContractState.Active, Second, T0.AddMinutes(2)).Value);
        Assert.Equal(("198.51.100.9", T0.AddMinutes(2)), (record.Address, record.UpdatedAt));
    }

    [Fact]
    public void Only_the_holder_or_a_caller_naming_no_contract_may_remove_a_held_name()
    {
        var record = HeldRecord();

        Assert.True(record.CheckRemovableBy(Holder).IsSuccess);
        Assert.True(record.CheckRemovableBy(null).IsSuccess);
        var refused = Assert.IsType<DomainError>(Assert.Single(record.CheckRemovableBy(Claimant).Errors));
        Assert.Equal(VmAddressRecord.SlugTaken, refused.Code);
        Assert.True(LegacyRecord().CheckRemovableBy(Claimant).IsSuccess);
    }
}
