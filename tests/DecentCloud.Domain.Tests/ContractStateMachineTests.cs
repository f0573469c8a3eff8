using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Tests;

public class ContractStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContractId Id = ContractId.FromHex(new string('c', 64)).Value;

    private static readonly (ContractState From, ContractState To)[] Spec =
    [
        (ContractState.Requested, ContractState.Pending), (ContractState.Requested, ContractState.Accepted),
        (ContractState.Requested, ContractState.Rejected), (ContractState.Requested, ContractState.Cancelled),
        (ContractState.Requested, ContractState.Expired),
        (ContractState.Pending, ContractState.Accepted), (ContractState.Pending, ContractState.Rejected),
        (ContractState.Pending, ContractState.Cancelled), (ContractState.Pending, ContractState.Expired),
        (ContractState.Accepted, ContractState.Provisioning), (ContractState.Accepted, ContractState.ProvisioningFailed),
        (ContractState.Accepted, ContractState.Rejected), (ContractState.Accepted, ContractState.Cancelled),
        (ContractState.Provisioning, ContractState.Provisioned), (ContractState.Provisioning, ContractState.ProvisioningFailed),
        (ContractState.Provisioning, ContractState.Cancelled),
        (ContractState.Provisioned, ContractState.Active), (ContractState.Provisioned, ContractState.Paused),
        (ContractState.Provisioned, ContractState.Cancelled),
        (ContractState.Active, ContractState.Paused), (ContractState.Active, ContractState.Cancelled), (ContractState.Active, ContractState.Completed),
        (ContractState.Paused, ContractState.Active), (ContractState.Paused, ContractState.Cancelled), (ContractState.Paused, ContractState.Completed),
    ];

    public static TheoryData<ContractState, ContractState> AllPairs()
    {
        var data = new TheoryData<ContractState, ContractState>();
        foreach (var from in Enum.GetValues<ContractState>())
        {
            foreach (var to in Enum.GetValues<ContractState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    /// <summary>A paid contract brought to <paramref name="state"/> along allowed moves only.</summary>
    private static Contract At(ContractState state, bool paid = true)
    {
        var contract = Contract.Request(Id, TestTerms.Create(free: false), T0);
        if (paid)
        {
            contract.MarkPaid(T0);
        }

        foreach (var step in PathTo(state == ContractState.Archived ? ContractState.Completed : state))
        {
            Assert.True(contract.MoveTo(step, "test", "setup", T0).IsSuccess, $"setup move to {step}");
        }

        if (state == ContractState.Archived)
        {
            Assert.True(contract.Archive(T0).IsSuccess);
        }

        return contract;
    }

    private static List<ContractState> PathTo(ContractState target)
    {
        var previous = new Dictionary<ContractState, ContractState>();
        var queue = new Queue<ContractState>([ContractState.Requested]);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var next in ContractStates.Next(state).Where(n => n != ContractState.Requested && !previous.ContainsKey(n)))
            {
                previous[next] = state;
                queue.Enqueue(next);
            }
        }

        var path = new List<ContractState>();
        for (var s = target; s != ContractState.Requested; s = previous[s])
        {
            path.Insert(0, s);
        }

        return path;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_pair_is_allowed_exactly_when_the_spec_lists_it(ContractState from, ContractState to)
    {
        var contract = At(from);
        var result = contract.MoveTo(to, "provider:p1", "because", T0.AddMinutes(1));
        var allowed = Spec.Contains((from, to));
        Assert.Equal(allowed, result.IsSuccess);
        if (allowed)
        {
            Assert.Equal(to, contract.State);
            Assert.Equal(new ContractTransition(from, to, T0.AddMinutes(1), "provider:p1", "because"), contract.History[^1]);
        }
        else
        {
            Assert.Equal((ErrorKind.Conflict, "invalid_transition"), (result.FirstDomainError().Kind, result.FirstDomainError().Code));
            Assert.Equal(from, contract.State);
        }
    }

    [Fact]
    public void Terminal_states_are_exactly_the_five_of_the_spec_and_archived_after_them() =>
        Assert.Equal(
            [ContractState.Rejected, ContractState.Cancelled, ContractState.Expired, ContractState.Completed, ContractState.ProvisioningFailed, ContractState.Archived],
            Enum.GetValues<ContractState>().Where(s => s.IsTerminal()));

    public static TheoryData<ContractState> EveryState() => new(Enum.GetValues<ContractState>());

    [Theory]
    [MemberData(nameof(EveryState))]
    public void Only_an_ended_contract_can_be_archived_and_only_once(ContractState state)
    {
        var contract = At(state);
        var history = contract.History.ToList();
        var since = contract.StateSince;
        var archived = contract.Archive(T0.AddDays(200));
        var archivable = state is ContractState.Rejected or ContractState.Cancelled or ContractState.Expired
            or ContractState.Completed or ContractState.ProvisioningFailed;
        Assert.Equal(archivable, archived.IsSuccess);
        if (archivable)
        {
            Assert.Equal(ContractState.Archived, contract.State);
            Assert.Equal(state, contract.ArchivedFrom);
            Assert.Equal(state, contract.FinalState);
            Assert.Equal(T0.AddDays(200), contract.ArchivedAt);
        }
        else
        {
            Assert.Equal(state == ContractState.Archived ? "contract_already_archived" : "invalid_transition", archived.FirstDomainError().Code);
            Assert.Equal(state, contract.State);
            Assert.Equal(state == ContractState.Archived ? ContractState.Completed : null, contract.ArchivedFrom);
        }

        // Archival records no transition and keeps when the final state began: the history moves to the archive as it was.
        Assert.Equal(history, contract.History);
        Assert.Equal(since, contract.StateSince);
    }

    [Fact]
    public void No_move_leads_into_or_out_of_archived()
    {
        Assert.All(Enum.GetValues<ContractState>(), s => Assert.False(ContractStates.CanMove(s, ContractState.Archived)));
        Assert.Empty(ContractStates.Next(ContractState.Archived));
        Assert.Equal("archived", ContractState.Archived.ToWireName());
        Assert.Equal(ContractState.Archived, ContractStates.FromWireName("archived"));
    }

    [Fact]
    public void An_archived_contract_scores_as_the_state_it_ended_in()
    {
        var contract = At(ContractState.Cancelled);
        var live = DecentCloud.Domain.Trust.ContractOutcome.Of(contract);
        Assert.True(contract.Archive(T0.AddDays(181)).IsSuccess);
        var archived = DecentCloud.Domain.Trust.ContractOutcome.Of(contract);
        Assert.Equal(live, archived);
        Assert.Equal((ContractState.Cancelled, T0), (archived.State, archived.EndedAt));
    }

    [Fact]
    public void Completed_and_expired_are_distinct_ends()
    {
        Assert.False(ContractStates.CanMove(ContractState.Active, ContractState.Expired));
        Assert.False(ContractStates.CanMove(ContractState.Requested, ContractState.Completed));
    }

    [Fact]
    public void An_unpaid_contract_cannot_become_provisioned_or_active()
    {
        var contract = At(ContractState.Provisioning, paid: false);
        var refused = contract.MoveTo(ContractState.Provisioned, "agent", "done", T0);
        Assert.Equal("payment_required", refused.FirstDomainError().Code);
        Assert.Equal(ContractState.Provisioning, contract.State);

        contract.MarkPaid(T0.AddMinutes(1));
        Assert.True(contract.MoveTo(ContractState.Provisioned, "agent", "done", T0.AddMinutes(2)).IsSuccess);
    }

    [Fact]
    public void A_free_contract_needs_no_payment()
    {
        var contract = Contract.Request(Id, TestTerms.Create(free: true), T0);
        foreach (var step in new[] { ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Active })
        {
            Assert.True(contract.MoveTo(step, "x", "y", T0).IsSuccess);
        }
    }

    [Fact]
    public void Unanswered_requests_expire_after_the_timeout()
    {
        var contract = At(ContractState.Pending, paid: false);
        Assert.False(contract.ApplyTimeouts(T0.AddMinutes(59), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30)));
        Assert.True(contract.ApplyTimeouts(T0.AddHours(1), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30)));
        Assert.Equal(ContractState.Expired, contract.State);
        Assert.Equal(("system", "timeout"), (contract.History[^1].Actor, contract.History[^1].Reason));
    }

    [Fact]
    public void Stalled_provisioning_fails_after_the_timeout_and_accepted_contracts_do_not_expire()
    {
        var contract = At(ContractState.Provisioning);
        Assert.False(contract.ApplyTimeouts(T0.AddMinutes(29), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30)));
        Assert.True(contract.ApplyTimeouts(T0.AddMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30)));
        Assert.Equal(ContractState.ProvisioningFailed, contract.State);

        var accepted = At(ContractState.Accepted);
        Assert.False(accepted.ApplyTimeouts(T0.AddDays(2), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30)));
    }

    [Theory]
    [InlineData(ContractState.ProvisioningFailed, "provisioning_failed")]
    [InlineData(ContractState.Requested, "requested")]
    public void Wire_names_round_trip(ContractState state, string name)
    {
        Assert.Equal(name, state.ToWireName());
        Assert.Equal(state, ContractStates.FromWireName(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000")]
    public void Contract_ids_must_be_hex_of_16_to_64_bytes(string hex) => Assert.True(ContractId.FromHex(hex).IsFailed);
}
