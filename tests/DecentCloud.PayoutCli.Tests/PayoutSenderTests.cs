using System.Numerics;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.PayoutCli.Sending;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>
/// The send loop against the local replica in front of the in-memory ICRC-1 ledger, over the real HTTP agent: every
/// answer of the payments spec's table, and resuming after a lost reply.
/// </summary>
public sealed class PayoutSenderTests
{
    private static readonly SendPolicy Quick = new() { UnavailableBackoff = TimeSpan.FromMilliseconds(10), UnavailableRetries = 3 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PayoutSender Sender(LedgerFixture fixture, FakeAdminApi api) =>
        new(api, fixture.PayoutLedger, fixture.Platform, Quick, TimeProvider.System);

    [Fact]
    public async Task A_payout_is_sent_with_exactly_the_recorded_arguments_and_confirmed_with_its_block()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(1);
        var payout = api.Plan("provider-1", text, 250_000_000, InMemoryLedger.Fee);

        var outcome = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Confirmed, outcome.Kind);
        Assert.Equal("0", outcome.BlockIndex);
        Assert.Equal("confirmed", api[payout.PayoutId].State);
        Assert.Equal("0", api[payout.PayoutId].BlockIndex);
        var block = Assert.Single(fixture.Inner.Blocks);
        Assert.Null(block.FromSubaccount);
        Assert.Equal(account.Owner, block.To.Owner);
        Assert.Equal(account.Subaccount, block.To.Subaccount);
        Assert.Equal(250_000_000, block.Amount);
        Assert.Equal(InMemoryLedger.Fee, block.Fee);
        Assert.Equal(payout.MemoHex, Convert.ToHexStringLower(block.Memo!));
        Assert.Equal(payout.CreatedAtTimeNanos, block.CreatedAtTime);
        Assert.Equal(250_000_000, fixture.Inner.Balance(account));
        Assert.Equal([$"submitted {payout.PayoutId}", $"confirmed 0 {payout.PayoutId}"], api.Calls);
    }

    [Fact]
    public async Task A_reply_lost_beyond_the_clients_retries_leaves_it_submitted_and_the_rerun_confirms_the_duplicate()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(2);
        var payout = api.Plan("provider-2", text, 1_000_000, InMemoryLedger.Fee);
        fixture.Ledger.LoseReplies(10);

        var first = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Left, first.Kind);
        Assert.Equal("submitted", api[payout.PayoutId].State);
        Assert.Single(fixture.Inner.Blocks);
        fixture.Ledger.LoseReplies(0);

        var second = await Sender(fixture, api).SendAsync(api[payout.PayoutId], Ct);

        Assert.Equal(PayoutOutcomeKind.Confirmed, second.Kind);
        Assert.Equal("0", api[payout.PayoutId].BlockIndex);
        Assert.Single(fixture.Inner.Blocks);
        Assert.Equal(1_000_000, fixture.Inner.Balance(account));
        // Every attempt, before and after the "crash", carried the very same argument bytes.
        Assert.Single(fixture.Ledger.TransferArgs.Select(Convert.ToHexString).Distinct());
        Assert.True(fixture.Ledger.TransferArgs.Count >= 5);
    }

    [Fact]
    public async Task BadFee_is_corrected_once_and_resent_with_the_expected_fee()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(3);
        var payout = api.Plan("provider-3", text, 500_000, 1_000);

        var outcome = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Confirmed, outcome.Kind);
        Assert.Contains($"fee 10000 {payout.PayoutId}", api.Calls);
        var block = Assert.Single(fixture.Inner.Blocks);
        Assert.Equal(InMemoryLedger.Fee, block.Fee);
        Assert.Equal(501_000 - 10_000, block.Amount);
        Assert.Equal(block.Amount, fixture.Inner.Balance(account));
    }

    [Fact]
    public async Task A_second_BadFee_fails_the_payout()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payout = api.Plan("provider-4", LedgerFixture.Provider(4).Text, 500_000, 1_000);
        fixture.Ledger.Answer(new TransferError.BadFee(10_000), new TransferError.BadFee(20_000));

        var outcome = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("failed", api[payout.PayoutId].State);
        Assert.Contains("BadFee again", api[payout.PayoutId].FailureReason);
        Assert.Contains("20000", api[payout.PayoutId].FailureReason);
        Assert.Empty(fixture.Inner.Blocks);
    }

    [Fact]
    public async Task InsufficientFunds_stops_the_run_without_failing_anything_and_the_rest_is_not_sent()
    {
        await using var fixture = await LedgerFixture.StartAsync(balance: 1_000_000);
        var api = new FakeAdminApi(fixture.Clock);
        var payouts = Enumerable.Range(1, 6).Select(i => api.Plan($"provider-{i}", LedgerFixture.Provider(i).Text, 400_000, InMemoryLedger.Fee)).ToList();
        var seen = new List<PayoutOutcome>();

        var summary = await new PayoutRunner(Sender(fixture, api), 1).RunAsync(payouts, seen.Add, Ct);

        Assert.Equal(2, summary.Count(PayoutOutcomeKind.Confirmed));
        Assert.Equal(1, summary.Count(PayoutOutcomeKind.Stopped));
        Assert.Equal(3, summary.Count(PayoutOutcomeKind.Skipped));
        Assert.StartsWith("InsufficientFunds", summary.StoppedBecause);
        Assert.False(summary.AllConfirmed);
        Assert.Equal(6, seen.Count);
        Assert.DoesNotContain(api.All, p => p.State == "failed");
        Assert.Equal("submitted", api[payouts[2].PayoutId].State);
        Assert.Equal(3, api.All.Count(p => p.State == "planned"));
        Assert.Equal(2, fixture.Inner.Blocks.Count);
    }

    [Fact]
    public async Task TemporarilyUnavailable_is_retried_with_the_same_arguments_then_sent()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payout = api.Plan("provider-5", LedgerFixture.Provider(5).Text, 700_000, InMemoryLedger.Fee);
        fixture.Ledger.Answer(new TransferError.TemporarilyUnavailable(), new TransferError.TemporarilyUnavailable());

        var outcome = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Confirmed, outcome.Kind);
        Assert.Equal(3, fixture.Ledger.TransferArgs.Count);
        Assert.Single(fixture.Ledger.TransferArgs.Select(Convert.ToHexString).Distinct());
        Assert.Single(fixture.Inner.Blocks);
    }

    [Fact]
    public async Task A_ledger_that_stays_unavailable_stops_the_run_and_leaves_the_payout_for_the_next()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payout = api.Plan("provider-6", LedgerFixture.Provider(6).Text, 700_000, InMemoryLedger.Fee);
        fixture.Inner.Unavailable = true;

        var outcome = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Stopped, outcome.Kind);
        Assert.StartsWith("TemporarilyUnavailable", outcome.Reason);
        Assert.Equal(1 + Quick.UnavailableRetries, fixture.Ledger.TransferArgs.Count);
        Assert.Single(fixture.Ledger.TransferArgs.Select(Convert.ToHexString).Distinct());
        Assert.Equal("submitted", api[payout.PayoutId].State);
        fixture.Inner.Unavailable = false;
        Assert.Equal(PayoutOutcomeKind.Confirmed, (await Sender(fixture, api).SendAsync(api[payout.PayoutId], Ct)).Kind);
    }

    [Fact]
    public async Task CreatedInFuture_waits_for_the_ledgers_clock_and_resends_the_same_arguments()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payout = api.Plan("provider-7", LedgerFixture.Provider(7).Text, 700_000, InMemoryLedger.Fee);
        // The ledger's clock is 2 min 300 ms behind created_at_time: 300 ms past the permitted drift.
        var ledgerTime = payout.CreatedAtTimeNanos!.Value - (ulong)(TimeSpan.FromMinutes(2) + TimeSpan.FromMilliseconds(300)).Ticks * 100;
        fixture.Ledger.Answer(new TransferError.CreatedInFuture(ledgerTime));
        var started = DateTimeOffset.UtcNow;

        var outcome = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Confirmed, outcome.Kind);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(250));
        Assert.Equal(2, fixture.Ledger.TransferArgs.Count);
        Assert.Single(fixture.Ledger.TransferArgs.Select(Convert.ToHexString).Distinct());
    }

    [Fact]
    public async Task GenericError_fails_the_payout_with_the_ledgers_message()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payout = api.Plan("provider-8", LedgerFixture.Provider(8).Text, 0, InMemoryLedger.Fee);

        var outcome = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("GenericError 1: amount must be positive", api[payout.PayoutId].FailureReason);
        Assert.Empty(fixture.Inner.Blocks);
    }

    [Fact]
    public async Task Concurrent_sends_pay_every_provider_exactly_once()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payouts = Enumerable.Range(10, 20).Select(i => api.Plan($"provider-{i}", LedgerFixture.Provider(i).Text, 10_000 + i, InMemoryLedger.Fee)).ToList();

        var summary = await new PayoutRunner(Sender(fixture, api), 4).RunAsync(payouts, _ => { }, Ct);

        Assert.True(summary.AllConfirmed);
        Assert.Equal(20, fixture.Inner.Blocks.Count);
        foreach (var i in Enumerable.Range(10, 20))
        {
            Assert.Equal(new BigInteger(10_000 + i), fixture.Inner.Balance(LedgerFixture.Provider(i).Account));
        }

        Assert.Equal(20, api.All.Select(p => p.BlockIndex).Distinct().Count());
    }
    [Fact]
    public async Task TooOld_with_no_transfer_on_the_ledger_is_replanned_and_sent_with_the_new_arguments()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(9);
        // Some other traffic on the ledger, so the search reads real blocks.
        var other = api.Plan("provider-10", LedgerFixture.Provider(10).Text, 5_000, InMemoryLedger.Fee);
        Assert.Equal(PayoutOutcomeKind.Confirmed, (await Sender(fixture, api).SendAsync(other, Ct)).Kind);
        var payout = api.Plan("provider-9", text, 800_000, InMemoryLedger.Fee);
        fixture.Clock.Advance(TimeSpan.FromHours(25));

        var outcome = await Sender(fixture, api).SendAsync(payout, Ct);

        Assert.Equal(PayoutOutcomeKind.Confirmed, outcome.Kind);
        Assert.Contains($"replan {payout.PayoutId}", api.Calls);
        var stored = api[payout.PayoutId];
        Assert.Equal(2, stored.Attempt);
        Assert.NotEqual(payout.MemoHex, stored.MemoHex);
        Assert.Equal(2, fixture.Inner.Blocks.Count);
        var block = fixture.Inner.Blocks[1];
        Assert.Equal(stored.MemoHex, Convert.ToHexStringLower(block.Memo!));
        Assert.Equal(stored.CreatedAtTimeNanos, block.CreatedAtTime);
        Assert.Equal(800_000, fixture.Inner.Balance(account));
    }

    [Fact]
    public async Task TooOld_after_a_lost_reply_finds_the_earlier_transfer_by_its_memo_and_pays_nothing_twice()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        // Short replies and an archive, so the search pages through the log and follows the archive callback.
        fixture.Inner.MaxBlocksPerReply = 3;
        fixture.Inner.ArchivedBelow = 2;
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(11);
        var payout = api.Plan("provider-11", text, 900_000, InMemoryLedger.Fee);
        fixture.Ledger.LoseReplies(10);
        Assert.Equal(PayoutOutcomeKind.Left, (await Sender(fixture, api).SendAsync(payout, Ct)).Kind);
        fixture.Ledger.LoseReplies(0);
        foreach (var i in Enumerable.Range(20, 5))
        {
            Assert.Equal(PayoutOutcomeKind.Confirmed, (await Sender(fixture, api).SendAsync(api.Plan($"provider-{i}", LedgerFixture.Provider(i).Text, 5_000, InMemoryLedger.Fee), Ct)).Kind);
        }

        // A day later the resend is too old for the ledger's dedupe window; its blocks still show the transfer.
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        var outcome = await Sender(fixture, api).SendAsync(api[payout.PayoutId], Ct);

        Assert.Equal(PayoutOutcomeKind.Confirmed, outcome.Kind);
        Assert.Equal("0", api[payout.PayoutId].BlockIndex);
        Assert.DoesNotContain(api.Calls, c => c.StartsWith("replan", StringComparison.Ordinal));
        Assert.Equal(6, fixture.Inner.Blocks.Count);
        Assert.Equal(900_000, fixture.Inner.Balance(account));
    }
}
