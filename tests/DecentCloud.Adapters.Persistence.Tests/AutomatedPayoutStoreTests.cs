using System.Security.Cryptography;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Payouts;
using DecentCloud.Application.Prices;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Payouts;
using DecentCloud.Domain.Money.Prices;
using DecentCloud.Domain.Money.Releases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>Automated payouts on a real database of each provider: two API instances planning at once, and the rules the database itself holds.</summary>
public class AutomatedPayoutStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_planning_at_once_never_put_a_release_in_two_payouts(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var first = db.NewInstance();
        await using var second = db.NewInstance();
        var releases = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var owner = await SeedProviderAsync(db, "ICP");
            releases.Add(await SeedReleaseAsync(db, owner, 1_000_000_000 + i));
            releases.Add(await SeedReleaseAsync(db, owner, 3_000_000_000));
        }

        await SeedPriceAsync(db, "ICP", 10m);
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            SendAsync(i % 2 == 0 ? first : second, new PlanPayoutRun("admin", null, "ICP", 8, "10000", DryRun: false)))));

        Assert.All(runs, r => Assert.True(r.IsSuccess));
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var payouts = await context.Set<AutomatedPayout>().AsNoTracking().ToListAsync(Ct);
        Assert.Equal(20, payouts.Count);
        Assert.Equal(20, payouts.Select(p => p.ProviderId).Distinct().Count());
        Assert.Equal(releases.Order(), payouts.SelectMany(p => p.ReleaseIds).Order());
        var reserved = await context.Set<PaymentRelease>().AsNoTracking()
            .Select(r => new { r.Id, Reserved = EF.Property<Guid?>(r, "ReservedPayoutId") }).ToListAsync(Ct);
        Assert.All(reserved, r => Assert.Equal(payouts.Single(p => p.ReleaseIds.Contains(r.Id)).Id, r.Reserved));
        Assert.All(runs, r => Assert.Equal(payouts.Select(p => p.Id).Order(), r.Value.Payouts.Select(p => p.PayoutId).Order()));
        Assert.Empty(await SendAsync(db.Services, new ListPendingPayouts()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_database_refuses_two_open_payouts_a_block_twice_confirmed_without_a_block_bad_amounts_and_long_memos(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var owner = await SeedProviderAsync(db, "ICP");
        var release = await SeedReleaseAsync(db, owner, 2_000_000_000);
        var other = await SeedProviderAsync(db, "ICP");
        await SeedReleaseAsync(db, other, 2_000_000_000);
        await SeedPriceAsync(db, "ICP", 10m);
        var plan = await SendAsync(db.Services, new PlanPayoutRun("admin", null, "ICP", 8, "10000", DryRun: false));
        var payout = plan.Value.Payouts.Single(p => p.ProviderPubkey == owner.Value);
        var second = plan.Value.Payouts.Single(p => p.ProviderPubkey == other.Value);
        var id = payout.PayoutId.ToString("D");

        async Task RefusedAsync(string sql, string constraint)
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.ExecuteScriptAsync(sql));
            Assert.Contains(constraint, refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        var guid = provider == "sqlite" ? id.ToUpperInvariant() : id;
        var where = $" WHERE \"Id\" = '{guid}'";
        await RefusedAsync("UPDATE automated_payouts SET \"State\" = 'confirmed'" + where, "CK_automated_payouts_Confirmed");
        await RefusedAsync("UPDATE automated_payouts SET \"BlockIndex\" = 5" + where, "CK_automated_payouts_Confirmed");
        await RefusedAsync("UPDATE automated_payouts SET \"AmountBaseUnits\" = \"AmountBaseUnits\" + 1" + where, "CK_automated_payouts_Amounts");
        await RefusedAsync("UPDATE automated_payouts SET \"FeeBaseUnits\" = -1, \"AmountBaseUnits\" = \"GrossBaseUnits\" + 1" + where, "CK_automated_payouts_Amounts");
        await RefusedAsync($"UPDATE automated_payouts SET \"MemoHex\" = '{new string('a', 66)}'" + where, provider == "sqlite" ? "CK_automated_payouts_Memo" : "character varying(64)");
        await RefusedAsync("UPDATE automated_payouts SET \"State\" = 'failed'" + where, "CK_automated_payouts_Failed");
        await RefusedAsync("UPDATE automated_payouts SET \"ProviderId\" = '" + other.Value + "'" + where, provider == "sqlite" ? "UNIQUE constraint failed: automated_payouts.ProviderId" : "IX_automated_payouts_ProviderId_Open");

        Assert.True((await SendAsync(db.Services, new MarkPayoutSubmitted("admin", null, payout.PayoutId))).IsSuccess);
        Assert.True((await SendAsync(db.Services, new ConfirmPayout("admin", null, payout.PayoutId, "77"))).IsSuccess);
        Assert.True((await SendAsync(db.Services, new MarkPayoutSubmitted("admin", null, second.PayoutId))).IsSuccess);
        var taken = await SendAsync(db.Services, new ConfirmPayout("admin", null, second.PayoutId, "77"));
        Assert.Equal("block_taken", taken.FirstDomainError().Code);
        var secondId = provider == "sqlite" ? second.PayoutId.ToString("D").ToUpperInvariant() : second.PayoutId.ToString("D");
        await RefusedAsync($"UPDATE automated_payouts SET \"State\" = 'confirmed', \"BlockIndex\" = 77 WHERE \"Id\" = '{secondId}'",
            provider == "sqlite" ? "UNIQUE constraint failed: automated_payouts.LedgerCanisterId, automated_payouts.BlockIndex" : "IX_automated_payouts_Ledger_Block");

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var row = await context.Set<PaymentRelease>().AsNoTracking().SingleAsync(r => r.Id == release, Ct);
        Assert.Equal((PaymentReleaseState.PaidOut, (Guid?)payout.PayoutId), (row.State, row.PayoutId));
        Assert.True((await SendAsync(db.Services, new Application.Books.VerifyBooks())).Value.Balanced);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_confirmations_pay_the_releases_and_book_the_payout_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var first = db.NewInstance();
        await using var second = db.NewInstance();
        var owner = await SeedProviderAsync(db, "ICP");
        await SeedReleaseAsync(db, owner, 2_000_000_000);
        await SeedReleaseAsync(db, owner, 1_500_000_000);
        await SeedPriceAsync(db, "ICP", 10m);
        var payout = Assert.Single((await SendAsync(db.Services, new PlanPayoutRun("admin", null, "ICP", 8, "10000", DryRun: false))).Value.Payouts);
        Assert.True((await SendAsync(db.Services, new MarkPayoutSubmitted("admin", null, payout.PayoutId))).IsSuccess);

        // Six reports of the same block and two of another, from two instances at once: the first block to land wins.
        var blocks = new[] { "5", "5", "6", "5", "5", "6", "5", "5" };
        var results = await Task.WhenAll(blocks.Select((block, i) => Task.Run(() =>
            SendAsync(i % 2 == 0 ? first : second, new ConfirmPayout("admin", null, payout.PayoutId, block)))));

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var stored = await context.Set<AutomatedPayout>().AsNoTracking().SingleAsync(Ct);
        var winner = stored.BlockIndex!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(blocks.Zip(results), pair => Assert.Equal(pair.First == winner, pair.Second.IsSuccess));
        Assert.All(results.Where(r => r.IsFailed), r => Assert.Equal("payout_block_conflict", r.FirstDomainError().Code));
        Assert.All(await context.Set<PaymentRelease>().AsNoTracking().ToListAsync(Ct),
            r => Assert.Equal((PaymentReleaseState.PaidOut, (Guid?)payout.PayoutId), (r.State, r.PayoutId)));
        var ledger = scope.ServiceProvider.GetRequiredService<ILedger>();
        Assert.Equal(3_500_000_000L, await ledger.BalanceAsync(LedgerAccount.Icrc1("ICP").Value, Ct));
        Assert.Equal(0L, await ledger.BalanceAsync(LedgerAccount.Payable(owner), Ct));
        Assert.True((await SendAsync(db.Services, new Application.Books.VerifyBooks())).Value.Balanced);
    }

    private static async Task<ProviderId> SeedProviderAsync(TestDatabase db, string token)
    {
        await using var scope = db.Scope();
        var account = Account.Register(Guid.NewGuid(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), "laptop", DateTimeOffset.UtcNow).Value;
        var fields = new ProviderProfileFields("Acme", "", "DE", "ops@acme.example", null, null, true, "2vxsx-fae", token);
        scope.ServiceProvider.GetRequiredService<IAccountStore>().Add(account);
        scope.ServiceProvider.GetRequiredService<IProviderProfileStore>().Add(ProviderProfile.Create(account.Id, fields, DateTimeOffset.UtcNow).Value);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return ProviderProfile.ProviderIdOf(account.Id);
    }

    /// <summary>A released row and its money on the provider's payable.</summary>
    private static async Task<Guid> SeedReleaseAsync(TestDatabase db, ProviderId owner, long net)
    {
        await using var scope = db.Scope();
        var now = DateTimeOffset.UtcNow;
        var release = PaymentRelease.Released(ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value, owner, PaymentReleaseKind.Daily,
            now.AddDays(-1), now, net, PlatformFee.None, now);
        scope.ServiceProvider.GetRequiredService<IReleaseStore>().AddRelease(release);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        var moved = LedgerTransaction.Transfer(LedgerTransactionKind.EscrowRelease, "seed:" + release.Id.ToString("N"), now, null, LedgerAccount.Stripe,
            LedgerAccount.Payable(owner), UsdAmount.FromNanoUsd(net).Value).Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(moved, Ct)).IsSuccess);
        return release.Id;
    }

    private static async Task SeedPriceAsync(TestDatabase db, string token, decimal price)
    {
        await using var scope = db.Scope();
        var now = DateTimeOffset.UtcNow;
        scope.ServiceProvider.GetRequiredService<IPriceStore>().AddRound(new PriceRound(token, now, [new SourceAttempt("kraken", token, price, now, true, null)],
            new ChosenPrice(token, price, now, 1)));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    private static async Task<T> SendAsync<T>(IServiceProvider services, ICommand<T> command)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, Ct);
    }

    private static async Task<T> SendAsync<T>(IServiceProvider services, IQuery<T> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, Ct);
    }
}
