using System.Net;
using DecentCloud.Api.Client;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Prices;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Payouts;
using DecentCloud.Domain.Money.Prices;
using DecentCloud.Domain.Money.Releases;
using DecentCloud.Adapters.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Client = DecentCloud.Api.Client;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>
/// The automated payout routes through the client package (<see cref="IAdminApi"/>), on SQLite and PostgreSQL: a run planned
/// at a fresh price with its exact transfer arguments, dust and providers without an address carried, every transition,
/// and the releases and books that follow.
/// </summary>
public sealed class PayoutRouteTests
{
    private const string Account = "2vxsx-fae";
    private const string IcpFee = "10000";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_run_is_planned_at_a_fresh_price_resumed_unchanged_and_confirmed_once_in_its_block(string provider)
    {
        await using var world = await PayoutWorld.CreateAsync(provider);
        var paid = await world.ProviderAsync("ICP");
        var dust = await world.ProviderAsync("ICP");
        var noAddress = await world.ProviderAsync(null);
        var otherToken = await world.ProviderAsync("ckUSDT");
        var releases = new[] { await world.ReleaseAsync(paid, 3_000_000_000), await world.ReleaseAsync(paid, 2_000_000_000) };
        await world.ReleaseAsync(dust, 500_000_000);
        await world.ReleaseAsync(noAddress, 3_000_000_000);
        await world.ReleaseAsync(otherToken, 4_000_000_000);
        await world.PriceAsync("ICP", 10m, DateTimeOffset.UtcNow.AddMinutes(-1));
        var admin = world.Admin;

        var dry = await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee, DryRun: true), Ct);
        Assert.True(dry.DryRun);
        var shown = Assert.Single(dry.Payouts);
        Assert.Equal((paid, "50000000", "49990000", IcpFee), (shown.ProviderPubkey, shown.GrossBaseUnits, shown.AmountBaseUnits, shown.FeeBaseUnits));
        Assert.Equal([(dust, "below_minimum", 500_000_000L, "4990000"), (noAddress, "no_payout_address", 3_000_000_000L, "0")],
            dry.Carried.Select(c => (c.ProviderPubkey, c.Reason, c.PendingE9s, c.WouldSendBaseUnits)).OrderBy(c => c.Reason, StringComparer.Ordinal));
        Assert.Empty(await admin.ListPayoutsAsync(cancellationToken: Ct));
        Assert.Contains(await admin.ListPaymentReleasesAsync(Ct), p => p.ProviderPubkey == paid);

        var plan = await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct);
        var payout = Assert.Single(plan.Payouts);
        Assert.Equal(("ICP", Token.Icp.LedgerCanisterId, 10m, 8, IcpFee, false), (plan.Token, plan.LedgerCanisterId, plan.PriceUsd, plan.Decimals, plan.Fee, plan.DryRun));
        Assert.Equal((paid, "icrc1:ICP", "planned", Account, 5_000_000_000L, "ICP", 1), (payout.ProviderPubkey, payout.Rail, payout.State, payout.ToAccount, payout.AmountE9s, payout.Token, payout.Attempt));
        Assert.Equal(("50000000", "49990000", IcpFee, PayoutMemo.HexOf(payout.PayoutId, 1)), (payout.GrossBaseUnits, payout.AmountBaseUnits, payout.FeeBaseUnits, payout.MemoHex));
        Assert.Equal(releases.Order(), payout.ReleaseIds);
        Assert.InRange((long)payout.CreatedAtTimeNanos!.Value, (DateTimeOffset.UtcNow.AddMinutes(-1) - DateTimeOffset.UnixEpoch).Ticks * 100, (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100);

        // Reserved by the open payout: not pending for the manual path any more.
        Assert.DoesNotContain(await admin.ListPaymentReleasesAsync(Ct), p => p.ProviderPubkey == paid);
        var manual = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.RecordPayoutAsync(new ManualPayoutRequest(paid, Account, "icpay-x", 5_000_000_000), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "nothing_pending"), (manual.Status, manual.Code));

        var resumed = await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct);
        AssertSame(payout, Assert.Single(resumed.Payouts));
        AssertSame(payout, await admin.GetPayoutAsync(payout.PayoutId, Ct));

        Assert.Equal("submitted", (await admin.MarkPayoutSubmittedAsync(payout.PayoutId, Ct)).State);
        Assert.Equal("submitted", (await admin.MarkPayoutSubmittedAsync(payout.PayoutId, Ct)).State);
        var confirmed = await admin.ConfirmPayoutAsync(payout.PayoutId, new PayoutConfirmation("42"), Ct);
        Assert.Equal(("confirmed", "42"), (confirmed.State, confirmed.BlockIndex));
        AssertSame(confirmed, await admin.ConfirmPayoutAsync(payout.PayoutId, new PayoutConfirmation("42"), Ct));
        var other = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.ConfirmPayoutAsync(payout.PayoutId, new PayoutConfirmation("43"), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "payout_block_conflict"), (other.Status, other.Code));

        Assert.Equal(5_000_000_000L, await world.BalanceAsync(LedgerAccount.Icrc1("ICP").Value));
        Assert.Equal(0L, await world.BalanceAsync(LedgerAccount.Payable(ProviderId.Create(paid).Value)));
        Assert.Equal(3_000_000_000L, await world.BalanceAsync(LedgerAccount.Payable(ProviderId.Create(noAddress).Value)));
        var books = await admin.GetBooksAsync(cancellationToken: Ct);
        Assert.True(books.Balanced, string.Join("; ", books.Discrepancies.Select(d => $"{d.Problem} {d.Subject} {d.Detail}")));
        Assert.Equal([payout.PayoutId], (await admin.ListPayoutsAsync(state: "confirmed", token: "ICP", cancellationToken: Ct)).Select(p => p.PayoutId));
        Assert.Empty((await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct)).Payouts);

        var (posted, _) = await world.EarningsOfAsync(paid);
        Assert.Equal(5_000_000_000L, posted);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Fee_replan_and_failure_follow_the_state_machine_and_a_failure_returns_the_releases(string provider)
    {
        await using var world = await PayoutWorld.CreateAsync(provider, new() { ["DC_PAYOUT_MINIMUM_USD"] = "0.50" });
        var paid = await world.ProviderAsync("ICP");
        await world.ReleaseAsync(paid, 2_000_000_000);
        await world.PriceAsync("ICP", 8m, DateTimeOffset.UtcNow);
        var admin = world.Admin;
        var payout = Assert.Single((await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct)).Payouts);
        Assert.Equal(("25000000", "24990000"), (payout.GrossBaseUnits, payout.AmountBaseUnits));
        await admin.MarkPayoutSubmittedAsync(payout.PayoutId, Ct);

        var corrected = await admin.CorrectPayoutFeeAsync(payout.PayoutId, new PayoutFeeCorrection("20000"), Ct);
        Assert.Equal(("20000", "24980000", payout.MemoHex), (corrected.FeeBaseUnits, corrected.AmountBaseUnits, corrected.MemoHex));
        var twice = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.CorrectPayoutFeeAsync(payout.PayoutId, new PayoutFeeCorrection("30000"), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "fee_already_corrected"), (twice.Status, twice.Code));
        var badFee = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.CorrectPayoutFeeAsync(payout.PayoutId, new PayoutFeeCorrection("-1"), Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_expected_fee"), (badFee.Status, badFee.Code));

        // While the ledger could still execute attempt 1, a re-plan is refused (two runs seeing TooOld must not both re-plan).
        var early = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.ReplanPayoutAsync(payout.PayoutId, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "replan_too_early"), (early.Status, early.Code));
        await world.AgeAsync(payout.PayoutId, TimeSpan.FromHours(25));
        var replanned = await admin.ReplanPayoutAsync(payout.PayoutId, Ct);
        Assert.Equal(("planned", 2, PayoutMemo.HexOf(payout.PayoutId, 2)), (replanned.State, replanned.Attempt, replanned.MemoHex));
        Assert.True(replanned.CreatedAtTimeNanos > payout.CreatedAtTimeNanos);

        var failed = await admin.FailPayoutAsync(payout.PayoutId, new PayoutFailure("GenericError 7: refused"), Ct);
        Assert.Equal(("failed", "GenericError 7: refused", (string?)null), (failed.State, failed.FailureReason, failed.BlockIndex));
        var late = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.ConfirmPayoutAsync(payout.PayoutId, new PayoutConfirmation("9"), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "invalid_transition"), (late.Status, late.Code));
        Assert.Contains(await admin.ListPaymentReleasesAsync(Ct), p => p.ProviderPubkey == paid && p.TotalPendingE9s == 2_000_000_000);

        var next = Assert.Single((await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct)).Payouts);
        Assert.NotEqual(payout.PayoutId, next.PayoutId);
        Assert.Equal(payout.ReleaseIds, next.ReleaseIds);
        Assert.Equal(["failed"], (await admin.ListPayoutsAsync(state: "failed", cancellationToken: Ct)).Select(p => p.State));
        var books = await admin.GetBooksAsync(cancellationToken: Ct);
        Assert.True(books.Balanced);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_run_refuses_a_stale_or_missing_price_and_bad_ledger_values_naming_the_field(string provider)
    {
        await using var world = await PayoutWorld.CreateAsync(provider);
        var paid = await world.ProviderAsync("ICP");
        await world.ReleaseAsync(paid, 2_000_000_000);
        var admin = world.Admin;

        var none = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "no_price"), (none.Status, none.Code));
        await world.PriceAsync("ICP", 10m, DateTimeOffset.UtcNow.AddMinutes(-11));
        var stale = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "stale_price"), (stale.Status, stale.Code));
        Assert.Empty(await admin.ListPayoutsAsync(cancellationToken: Ct));

        await world.PriceAsync("ICP", 10m, DateTimeOffset.UtcNow);
        foreach (var (request, code) in new[]
        {
            (new PayoutRunRequest("ICP", 19, IcpFee), "invalid_ledger_decimals"),
            (new PayoutRunRequest("ICP", -1, IcpFee), "invalid_ledger_decimals"),
            (new PayoutRunRequest("ICP", 8, "-5"), "invalid_ledger_fee"),
            (new PayoutRunRequest("ICP", 8, "ten"), "invalid_ledger_fee"),
            (new PayoutRunRequest("BTC", 8, IcpFee), "invalid_token"),
        })
        {
            var refused = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.PlanPayoutRunAsync(request, Ct));
            Assert.Equal((HttpStatusCode.BadRequest, code), (refused.Status, refused.Code));
        }

        var unknown = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.GetPayoutAsync(Guid.NewGuid(), Ct));
        Assert.Equal((HttpStatusCode.NotFound, "payout_not_found"), (unknown.Status, unknown.Code));
        var unknownMove = await Assert.ThrowsAsync<DecentCloudApiException>(() => admin.MarkPayoutSubmittedAsync(Guid.NewGuid(), Ct));
        Assert.Equal((HttpStatusCode.NotFound, "payout_not_found"), (unknownMove.Status, unknownMove.Code));

        await using var strangers = world.Api.Factory.ClientServices(admin: TestKey.Random());
        var forbidden = await Assert.ThrowsAsync<DecentCloudApiException>(() =>
            strangers.GetRequiredService<IAdminApi>().PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct));
        Assert.Equal((HttpStatusCode.Forbidden, "not_admin"), (forbidden.Status, forbidden.Code));
        var (status, _) = await SendAsync(world.Api.Factory.CreateClient(), new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/payout-runs"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(await admin.ListPayoutsAsync(cancellationToken: Ct));

        await using var scope = world.Api.Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(100, Ct);
        Assert.Contains(audit, e => e.Action == "payout.run.plan" && e.Outcome == "stale_price" && e.Actor == world.AdminKey.PublicKeyHex);
        Assert.Contains(audit, e => e.Action == "admin POST /api/v1/admin/payout-runs" && e.Outcome == "not_admin");
    }

    [Fact]
    public async Task With_the_fee_on_top_the_provider_receives_the_whole_conversion_and_a_zero_minimum_pays_dust()
    {
        await using var world = await PayoutWorld.CreateAsync("sqlite", new() { ["DC_PAYOUT_FEE_ON_TOP"] = "true", ["DC_PAYOUT_MINIMUM_USD"] = "0" });
        var paid = await world.ProviderAsync("ckUSDT");
        await world.ReleaseAsync(paid, 123_456_789);
        await world.PriceAsync("ckUSDT", 1.0001m, DateTimeOffset.UtcNow);

        var payout = Assert.Single((await world.Admin.PlanPayoutRunAsync(new PayoutRunRequest("ckUSDT", 6, "10000"), Ct)).Payouts);

        // ⌊123456789 × 10^6 ÷ (1.0001 × 10^9)⌋ = 123444: never more than the USD is worth at that price.
        Assert.Equal(("123444", "123444", "10000", Token.CkUsdt.LedgerCanisterId), (payout.GrossBaseUnits, payout.AmountBaseUnits, payout.FeeBaseUnits, payout.LedgerCanisterId));
    }

    [Fact]
    public async Task Concurrent_runs_on_postgres_never_put_a_release_in_two_payouts()
    {
        await using var world = await PayoutWorld.CreateAsync("postgres");
        var providers = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var p = await world.ProviderAsync("ICP");
            providers.Add(p);
            await world.ReleaseAsync(p, 1_000_000_000 + i);
            await world.ReleaseAsync(p, 2_000_000_000);
        }

        await world.PriceAsync("ICP", 10m, DateTimeOffset.UtcNow);
        // Separate client services: separate connections, each request planning in its own transaction.
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var services = world.Api.Factory.ClientServices(admin: world.AdminKey);
            return await services.GetRequiredService<IAdminApi>().PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct);
        }));

        var all = await world.Admin.ListPayoutsAsync(token: "ICP", limit: 1000, cancellationToken: Ct);
        Assert.Equal(providers.Order(StringComparer.Ordinal), all.Select(p => p.ProviderPubkey).Order(StringComparer.Ordinal));
        Assert.Equal(all.Count * 2, all.SelectMany(p => p.ReleaseIds).Distinct().Count());
        foreach (var run in runs)
        {
            // Every run shows the one payout of each provider, whichever run planned it.
            Assert.Equal(all.Select(p => p.PayoutId).Order(), run.Payouts.Select(p => p.PayoutId).Order());
        }
    }

    // Review (issue 13): "the conversion from USD uses a fresh price or the run refuses". A payout planned at an old price
    // and never submitted (dc-payout died between the plan and the first send) is resumed unchanged by a later run, at
    // that old price: when the token's price rose meanwhile, the provider is sent more than it is owed. Nothing of a
    // planned (never submitted) payout has reached the ledger, so it can be converted again at the run's fresh price.
    [Fact]
    public async Task A_resumed_payout_never_submitted_is_not_sent_at_a_price_older_than_the_runs_fresh_one()
    {
        await using var world = await PayoutWorld.CreateAsync("sqlite");
        var paid = await world.ProviderAsync("ICP");
        await world.ReleaseAsync(paid, 5_000_000_000);
        await world.PriceAsync("ICP", 5m, DateTimeOffset.UtcNow.AddMinutes(-1));
        var admin = world.Admin;
        var planned = Assert.Single((await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct)).Payouts);
        Assert.Equal(("planned", "100000000"), (planned.State, planned.GrossBaseUnits));

        // The run died before sending; by the next run ICP doubled.
        await world.PriceAsync("ICP", 10m, DateTimeOffset.UtcNow);
        var rerun = await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct);

        Assert.Equal(10m, rerun.PriceUsd);
        var resumed = Assert.Single(rerun.Payouts);
        var worthUsd = decimal.Parse(resumed.GrossBaseUnits!, System.Globalization.CultureInfo.InvariantCulture) / 100_000_000m * rerun.PriceUsd;
        Assert.True(worthUsd <= 5m, $"the provider is owed $5 but would be sent {resumed.GrossBaseUnits} e8s ICP, worth ${worthUsd} at the run's fresh price (converted at {resumed.PriceUsd})");

        // The unsent payout is failed as superseded and its releases planned again, at the run's price.
        var superseded = await admin.GetPayoutAsync(planned.PayoutId, Ct);
        Assert.Equal("failed", superseded.State);
        Assert.StartsWith("superseded: planned at 5", superseded.FailureReason, StringComparison.Ordinal);
        Assert.NotEqual(planned.PayoutId, resumed.PayoutId);
        Assert.Equal(("planned", 10m, "50000000"), (resumed.State, resumed.PriceUsd, resumed.GrossBaseUnits));
        Assert.Equal(planned.ReleaseIds, resumed.ReleaseIds);

        // Submitted (maybe sent) is never superseded: a later price change resumes it as recorded.
        await admin.MarkPayoutSubmittedAsync(resumed.PayoutId, Ct);
        await world.PriceAsync("ICP", 20m, DateTimeOffset.UtcNow);
        Assert.Equal(resumed.PayoutId, Assert.Single((await admin.PlanPayoutRunAsync(new PayoutRunRequest("ICP", 8, IcpFee), Ct)).Payouts).PayoutId);
    }

    private static void AssertSame(Client.AutomatedPayout expected, Client.AutomatedPayout actual)
    {
        Assert.Equal(expected with { ReleaseIds = [] }, actual with { ReleaseIds = [] });
        Assert.Equal(expected.ReleaseIds, actual.ReleaseIds);
    }

    /// <summary>An API with an admin key, its client package, and seeding of providers, releases and prices.</summary>
    private sealed class PayoutWorld : IAsyncDisposable
    {
        private readonly ServiceProvider _clients;
        private readonly HttpClient _http;

        private PayoutWorld(DatabaseApi api, TestKey admin)
        {
            Api = api;
            AdminKey = admin;
            _clients = api.Factory.ClientServices(admin: admin);
            Admin = _clients.GetRequiredService<IAdminApi>();
            _http = api.Factory.CreateClient();
        }

        public DatabaseApi Api { get; }

        public TestKey AdminKey { get; }

        public IAdminApi Admin { get; }

        public static async Task<PayoutWorld> CreateAsync(string provider, Dictionary<string, string?>? settings = null)
        {
            var admin = TestKey.Random();
            var all = new Dictionary<string, string?>(settings ?? []) { ["DC_ADMIN_PUBLIC_KEYS"] = admin.PublicKeyHex };
            return new PayoutWorld(await DatabaseApi.CreateAsync(provider, all), admin);
        }

        /// <summary>A provider (a registered account with a profile) paid in <paramref name="token"/>, or without a payout address.</summary>
        public async Task<string> ProviderAsync(string? token)
        {
            var owner = new TestUser();
            await RegisterAsync(_http, owner);
            var payout = token is null ? string.Empty : $$""","payoutAccount":"{{Account}}","payoutToken":"{{token}}" """;
            var (status, profile) = await SendAsync(_http, owner.Signed(HttpMethod.Put, "/api/v1/providers/me/profile",
                $$"""{"name":"Acme","country":"DE","email":"ops@acme.example","autoAccept":true{{payout}}}"""));
            Assert.True(status == HttpStatusCode.OK, profile.ToString());
            return profile.GetProperty("providerId").GetString()!;
        }

        /// <summary>A released escrow row of <paramref name="netNanoUsd"/> for the provider, with its money on the provider's payable.</summary>
        public async Task<Guid> ReleaseAsync(string provider, long netNanoUsd)
        {
            await using var scope = Api.Factory.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var now = DateTimeOffset.UtcNow;
            var contract = ContractId.FromHex(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())).Value;
            var providerId = ProviderId.Create(provider).Value;
            var release = PaymentRelease.Released(contract, providerId, PaymentReleaseKind.Daily, now.AddDays(-1), now, netNanoUsd, PlatformFee.None, now);
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.InTransactionAsync(async () =>
            {
                services.GetRequiredService<IReleaseStore>().AddRelease(release);
                await unitOfWork.SaveChangesAsync(Ct);
                var moved = LedgerTransaction.Transfer(LedgerTransactionKind.EscrowRelease, "seed:" + release.Id.ToString("N"), now, null,
                    LedgerAccount.Stripe, LedgerAccount.Payable(providerId), UsdAmount.FromNanoUsd(netNanoUsd).Value).Value;
                Assert.True((await services.GetRequiredService<ILedger>().PostAsync(moved, Ct)).IsSuccess);
                return true;
            }, Ct);
            return release.Id;
        }

        /// <summary>Moves the payout's recorded <c>created_at_time</c> back by <paramref name="age"/>, as if it were planned that long ago.</summary>
        public async Task AgeAsync(Guid payoutId, TimeSpan age)
        {
            await using var scope = Api.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
            var nanos = age.Ticks * 100;
            Assert.Equal(1, await db.Set<Domain.Money.Payouts.AutomatedPayout>().Where(p => p.Id == payoutId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAtTimeNanos, p => p.CreatedAtTimeNanos - nanos), Ct));
        }

        /// <summary>A price of <paramref name="token"/> chosen at <paramref name="at"/>, through the price store.</summary>
        public async Task PriceAsync(string token, decimal priceUsd, DateTimeOffset at)
        {
            await using var scope = Api.Factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<IPriceStore>().AddRound(new PriceRound(token, at,
                [new SourceAttempt("kraken", token, priceUsd, at, true, null)], new ChosenPrice(token, priceUsd, at, 1)));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        public async Task<long> BalanceAsync(LedgerAccount account)
        {
            await using var scope = Api.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(account, Ct);
        }

        /// <summary>The provider's paid-out total as its earnings show it (manual and automated alike).</summary>
        public async Task<(long Paid, long Released)> EarningsOfAsync(string provider)
        {
            await using var scope = Api.Factory.Services.CreateAsyncScope();
            var reader = scope.ServiceProvider.GetRequiredService<Application.Earnings.IEarningsReader>();
            var totals = await reader.TotalsAsync(ProviderId.Create(provider).Value, Ct);
            return (totals.PaidE9s, totals.ReleasedE9s);
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _clients.DisposeAsync();
            await Api.DisposeAsync();
        }
    }
}
