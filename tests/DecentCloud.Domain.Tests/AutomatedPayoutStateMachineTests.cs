using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Payouts;

namespace DecentCloud.Domain.Tests;

public class AutomatedPayoutStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProviderId Provider = ProviderId.Create("prov-a").Value;
    private static readonly Guid[] Releases = [Guid.NewGuid(), Guid.NewGuid()];

    private static AutomatedPayout Planned(bool feeOnTop = false)
    {
        var quote = PayoutConversion.Quote(5_000_000_000L, 10m, 8, 10_000, feeOnTop, 1m);
        return AutomatedPayout.Plan(Provider, Token.Icp, "aaaaa-aa", Releases, 5_000_000_000L, 10m, 8, quote, feeOnTop, T0).Value;
    }

    private static string Code(FluentResults.IResultBase result) => ((DomainError)result.Errors[0]).Code;

    [Fact]
    public void Planning_records_the_exact_transfer_arguments()
    {
        var payout = Planned();
        Assert.Equal(AutomatedPayoutState.Planned, payout.State);
        Assert.Equal(50_000_000L, payout.GrossBaseUnits);
        Assert.Equal(49_990_000L, payout.AmountBaseUnits);
        Assert.Equal(10_000L, payout.FeeBaseUnits);
        Assert.Equal(1, payout.Attempt);
        Assert.Equal(PayoutMemo.HexOf(payout.Id, 1), payout.MemoHex);
        Assert.Equal((T0 - DateTimeOffset.UnixEpoch).Ticks * 100, payout.CreatedAtTimeNanos);
        Assert.Equal(Releases.Order(), payout.ReleaseIds);
        Assert.Equal(Token.Icp.LedgerCanisterId, payout.LedgerCanisterId);
        Assert.Null(payout.BlockIndex);
    }

    [Fact]
    public void The_memo_is_the_prefix_the_id_and_the_attempt_within_32_bytes()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var memo = PayoutMemo.Of(id, 3);
        Assert.True(memo.Length <= PayoutMemo.MaxBytes);
        Assert.Equal("44435041594f5554" + "00112233445566778899aabbccddeeff" + "03", Convert.ToHexStringLower(memo));
        Assert.NotEqual(PayoutMemo.HexOf(id, 1), PayoutMemo.HexOf(id, 2));
    }

    [Fact]
    public void Submitted_is_idempotent_and_confirmed_needs_submitted()
    {
        var payout = Planned();
        Assert.Equal("invalid_transition", Code(payout.Confirm(7, T0)));
        Assert.True(payout.MarkSubmitted().IsSuccess);
        Assert.True(payout.MarkSubmitted().IsSuccess);
        Assert.Equal(AutomatedPayoutState.Submitted, payout.State);
    }

    [Fact]
    public void Confirmed_is_idempotent_for_its_block_and_a_conflict_for_another()
    {
        var payout = Planned();
        payout.MarkSubmitted();
        Assert.True(payout.Confirm(42, T0).Value);
        Assert.False(payout.Confirm(42, T0).Value);
        Assert.Equal("payout_block_conflict", Code(payout.Confirm(43, T0)));
        Assert.Equal(42L, payout.BlockIndex);
        // Sent once: the repeat and the conflicting block raise nothing more.
        Assert.Equal<IDomainEvent>(
            [new PayoutSent(payout.Id, Provider, "ICP", 49_990_000L, 8, 5_000_000_000L, 42, T0)],
            payout.PendingEvents());
        Assert.Equal("invalid_transition", Code(payout.MarkSubmitted()));
        Assert.Equal("invalid_transition", Code(payout.Fail("late", T0)));
        Assert.Equal("invalid_transition", Code(payout.Replan(T0)));
    }

    [Fact]
    public void A_negative_block_is_refused() =>
        Assert.Equal("invalid_block_index", Code(Planned().Confirm(-1, T0)));

    [Fact]
    public void Failed_is_terminal_and_idempotent()
    {
        var payout = Planned();
        payout.MarkSubmitted();
        Assert.Equal("invalid_reason", Code(payout.Fail("", T0)));
        Assert.True(payout.Fail("GenericError 3: nope", T0).Value);
        Assert.False(payout.Fail("again", T0).Value);
        Assert.Equal("GenericError 3: nope", payout.FailureReason);
        Assert.Equal("invalid_transition", Code(payout.Confirm(1, T0)));
        Assert.Null(payout.BlockIndex);
    }

    [Fact]
    public void The_fee_is_corrected_once_out_of_the_gross()
    {
        var payout = Planned();
        payout.MarkSubmitted();
        Assert.True(payout.CorrectFee(20_000).IsSuccess);
        Assert.Equal(20_000L, payout.FeeBaseUnits);
        Assert.Equal(49_980_000L, payout.AmountBaseUnits);
        Assert.True(payout.CorrectFee(20_000).IsSuccess);
        Assert.Equal("fee_already_corrected", Code(payout.CorrectFee(30_000)));
        Assert.Equal(49_980_000L, payout.AmountBaseUnits);
    }

    [Fact]
    public void With_the_fee_on_top_the_amount_stays_the_gross()
    {
        var payout = Planned(feeOnTop: true);
        Assert.Equal(50_000_000L, payout.AmountBaseUnits);
        Assert.True(payout.CorrectFee(20_000).IsSuccess);
        Assert.Equal(50_000_000L, payout.AmountBaseUnits);
        Assert.Equal(20_000L, payout.FeeBaseUnits);
    }

    [Fact]
    public void A_fee_that_leaves_nothing_is_refused() =>
        Assert.Equal("fee_exceeds_amount", Code(Planned().CorrectFee(50_000_000)));

    [Fact]
    public void Replan_gives_the_next_attempt_a_new_time_and_memo_back_to_planned()
    {
        var payout = Planned();
        payout.MarkSubmitted();
        // The ledger executes attempt 1 until created_at_time + 24 h + 2 min; a re-plan waits for that, to the tick.
        var executableUntil = T0 + AutomatedPayout.LedgerTransactionWindow;
        Assert.Equal("replan_too_early", Code(payout.Replan(executableUntil)));
        var later = executableUntil.AddTicks(1);
        Assert.True(payout.Replan(later).IsSuccess);
        Assert.Equal(AutomatedPayoutState.Planned, payout.State);
        Assert.Equal(2, payout.Attempt);
        Assert.Equal(PayoutMemo.HexOf(payout.Id, 2), payout.MemoHex);
        Assert.Equal((later - DateTimeOffset.UnixEpoch).Ticks * 100, payout.CreatedAtTimeNanos);
    }

    // Review (issue 13): the API re-plans on dc-payout's word alone. Two dc-payout runs holding the same stale view both
    // get TooOld for attempt 1, both find no attempt-1 transfer, both re-plan: the second re-plan moves a payout whose
    // attempt 2 was sent a moment ago (and may already be in a block) to attempt 3, which is sent too — paid twice.
    // A re-plan is only safe once the current attempt's created_at_time is beyond the ledger's window (24 h + 2 min drift).
    [Fact]
    public void Replan_of_an_attempt_still_inside_the_ledgers_transaction_window_is_refused()
    {
        var payout = Planned();
        payout.MarkSubmitted();
        var dayLater = T0.AddHours(25);
        Assert.True(payout.Replan(dayLater).IsSuccess);
        payout.MarkSubmitted();

        // Attempt 2 was created one minute ago: the ledger can still execute it, so a new attempt could pay twice.
        var again = payout.Replan(dayLater.AddMinutes(1));

        Assert.True(again.IsFailed, "a re-plan one minute after the previous attempt was created must be refused");
        Assert.Equal(2, payout.Attempt);
    }

    [Fact]
    public void Every_state_pair_follows_the_table()
    {
        var allowed = new[]
        {
            (AutomatedPayoutState.Planned, AutomatedPayoutState.Submitted), (AutomatedPayoutState.Planned, AutomatedPayoutState.Failed),
            (AutomatedPayoutState.Submitted, AutomatedPayoutState.Confirmed), (AutomatedPayoutState.Submitted, AutomatedPayoutState.Failed),
            (AutomatedPayoutState.Submitted, AutomatedPayoutState.Planned),
        };
        foreach (var from in Enum.GetValues<AutomatedPayoutState>())
        {
            Assert.Equal(from, AutomatedPayoutStates.FromWireName(from.ToWireName()));
            foreach (var to in Enum.GetValues<AutomatedPayoutState>())
            {
                Assert.Equal(allowed.Contains((from, to)), AutomatedPayoutStates.CanMove(from, to));
            }
        }
    }

    [Fact]
    public void Nothing_carried_is_planned()
    {
        var dust = PayoutConversion.Quote(1_000L, 10m, 8, 10_000, false, 1m);
        var planned = AutomatedPayout.Plan(Provider, Token.Icp, "aaaaa-aa", Releases, 1_000L, 10m, 8, dust, false, T0);
        Assert.Equal("nothing_to_pay", Code(planned));
    }
}
