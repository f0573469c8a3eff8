using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.PayoutCli.Sending;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>
/// Adversarial review of issue 13: ways the send loop pays a provider twice (or fails a payout the ledger already
/// executed). Each test states the expected safe behaviour; they fail against the code as merged.
/// </summary>
public sealed class PayoutSenderReviewTests
{
    private static readonly SendPolicy Quick = new() { UnavailableBackoff = TimeSpan.FromMilliseconds(10), UnavailableRetries = 3 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PayoutSender Sender(LedgerFixture fixture, FakeAdminApi api) =>
        new(api, fixture.PayoutLedger, fixture.Platform, Quick, TimeProvider.System);

    /// <summary>
    /// The first send executes but its reply is lost; before the rerun the ledger's fee changes, so the identical resend
    /// is answered <c>BadFee</c> (a ledger checks the fee before its dedupe). The sender then changes the fee — new
    /// arguments, which a ledger charging the new fee executes as a SECOND transfer — or, as here, fails the payout so its
    /// releases return to pending and are paid again. The memo is on the ledger: the payout must be confirmed with that
    /// block instead (search by memo before correcting the fee, as is done for TooOld).
    /// </summary>
    [Fact]
    public async Task BadFee_on_the_resend_of_a_transfer_that_already_landed_confirms_that_block_and_pays_nothing_twice()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(41);
        var payout = api.Plan("provider-41", text, 1_000_000, InMemoryLedger.Fee);
        fixture.Ledger.LoseReplies(10);
        Assert.Equal(PayoutOutcomeKind.Left, (await Sender(fixture, api).SendAsync(payout, Ct)).Kind);
        Assert.Single(fixture.Inner.Blocks);
        fixture.Ledger.LoseReplies(0);
        // The ledger's fee went up between the runs: the recorded fee is refused.
        fixture.Ledger.Answer(new TransferError.BadFee(20_000));

        var rerun = await Sender(fixture, api).SendAsync(api[payout.PayoutId], Ct);

        Assert.Equal(PayoutOutcomeKind.Confirmed, rerun.Kind);
        Assert.Equal("confirmed", api[payout.PayoutId].State);
        Assert.Equal("0", api[payout.PayoutId].BlockIndex);
        Assert.Single(fixture.Inner.Blocks);
        Assert.Equal(1_000_000, fixture.Inner.Balance(account));
        // No argument other than the recorded one (same fee, same memo) ever reached the ledger.
        Assert.Single(fixture.Ledger.TransferArgs.Select(Convert.ToHexString).Distinct());
    }

    /// <summary>
    /// Two <c>dc-payout run</c>s at once, both holding the plan's view of a payout at attempt 1 (submitted a day ago by a
    /// run that died). Run A gets <c>TooOld</c>, finds no attempt-1 transfer, re-plans and sends attempt 2, which lands
    /// (A has not confirmed yet). Run B then sends its stale attempt 1, gets <c>TooOld</c>, finds no attempt-1 transfer
    /// either, and re-plans AGAIN: attempt 3 is sent too. The provider is paid twice. The re-plan must not move a payout
    /// whose current attempt is still inside the ledger's window (or B must re-read the payout and resend attempt 2).
    /// </summary>
    [Fact]
    public async Task Two_runs_after_TooOld_never_pay_the_provider_twice()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(42);
        var planned = api.Plan("provider-42", text, 700_000, InMemoryLedger.Fee, createdAt: fixture.Clock.GetUtcNow().AddHours(-25));
        var staleView = await api.MarkPayoutSubmittedAsync(planned.PayoutId, Ct);

        // Run A, step by step as PayoutSender does it: TooOld for attempt 1 (nothing on the ledger), re-plan, submit, send.
        var tooOld = await fixture.PayoutLedger.TransferAsync(PayoutTransfer.From(staleView), Ct);
        Assert.IsType<TransferError.TooOld>(tooOld.Error);
        await api.ReplanPayoutAsync(planned.PayoutId, Ct);
        var attempt2 = await api.MarkPayoutSubmittedAsync(planned.PayoutId, Ct);
        Assert.NotNull((await fixture.PayoutLedger.TransferAsync(PayoutTransfer.From(attempt2), Ct)).BlockIndex);
        Assert.Equal(700_000, fixture.Inner.Balance(account));

        // Run B, with the view it fetched with the plan.
        await Sender(fixture, api).SendAsync(staleView, Ct);

        Assert.Single(fixture.Inner.Blocks);
        Assert.Equal(700_000, fixture.Inner.Balance(account));
    }

    /// <summary>
    /// The same gap as BadFee: a resend of a transfer that already landed (reply lost) answered <c>GenericError</c> fails the
    /// payout, which returns its releases to pending — the next run pays them a second time. The ledger holds the memo.
    /// </summary>
    [Fact]
    public async Task GenericError_on_the_resend_of_a_transfer_that_already_landed_does_not_fail_the_payout()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(43);
        var payout = api.Plan("provider-43", text, 1_000_000, InMemoryLedger.Fee);
        fixture.Ledger.LoseReplies(10);
        Assert.Equal(PayoutOutcomeKind.Left, (await Sender(fixture, api).SendAsync(payout, Ct)).Kind);
        fixture.Ledger.LoseReplies(0);
        fixture.Ledger.Answer(new TransferError.GenericError(7, "try later"));

        await Sender(fixture, api).SendAsync(api[payout.PayoutId], Ct);

        Assert.NotEqual("failed", api[payout.PayoutId].State);
        Assert.Single(fixture.Inner.Blocks);
        Assert.Equal(1_000_000, fixture.Inner.Balance(account));
    }

    /// <summary>
    /// <c>verify</c> only checks the blocks that confirmed payouts name, so a second transfer of the same payout (the
    /// orphan attempt of <see cref="Two_runs_after_TooOld_never_pay_the_provider_twice"/>: a platform transfer carrying a
    /// payout memo that no confirmed payout claims) goes unnoticed: verify "agrees with the ledger" while a provider was
    /// paid twice. It must report platform transfers with a payout memo that no payout's block accounts for.
    /// </summary>
    [Fact]
    public async Task Verify_reports_a_second_transfer_carrying_a_payouts_memo()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var (account, text) = LedgerFixture.Provider(44);
        var payout = api.Plan("provider-44", text, 10_000, InMemoryLedger.Fee);
        Assert.Equal(0, (await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP")).ExitCode);
        // Another attempt of the same payout, sent by the platform wallet and never confirmed.
        var orphan = fixture.Inner.TransferAs(fixture.Wallet.Sender, new TransferArg(null, account, 10_000, InMemoryLedger.Fee,
            FakeAdminApi.Memo(payout.PayoutId, 2), FakeAdminApi.Nanos(fixture.Clock.GetUtcNow())));
        Assert.IsType<TransferResult.Ok>(orphan);
        Assert.Equal(20_000, fixture.Inner.Balance(account));

        var verify = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "verify");

        Assert.True(verify.ExitCode == 1, $"verify passed although provider-44 was paid twice: {verify.Out} {verify.Error}");
    }
}
