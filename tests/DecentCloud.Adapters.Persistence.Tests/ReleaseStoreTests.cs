using System.Security.Cryptography;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Payouts;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Releases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>Escrow releases and payouts on a real database of each provider: racing workers, racing payouts, and the constraints that hold them.</summary>
public class ReleaseStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private const long Paid = 9_000_000_001;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_release_workers_racing_over_50_due_escrows_never_release_a_period_twice(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var first = db.NewInstance();
        await using var second = db.NewInstance();
        var owner = ProviderId.Create("provider-race").Value;
        var escrows = new List<ContractId>();
        var booked = 0;
        for (var round = 0; round < 4; round++)
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 50; i++)
            {
                // Half ended (a final release), half running (a daily release of the days since the start).
                var start = i % 2 == 0 ? now.AddDays(-40) : now.AddDays(-2 - round).AddMinutes(-i);
                escrows.Add(await SeedEscrowAsync(db, owner, start, start.AddDays(30)));
            }

            var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => SendAsync(i % 2 == 0 ? first : second, new ReleaseEscrow()))));
            booked += runs.Sum();
            Assert.Equal(50 * (round + 1), booked);
        }

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var rows = await context.Set<PaymentRelease>().AsNoTracking().ToListAsync(Ct);
        Assert.Equal(booked, rows.Count);
        Assert.Equal(escrows.Count, rows.Select(r => r.ContractId).Distinct().Count());
        var ledger = scope.ServiceProvider.GetRequiredService<ILedger>();
        foreach (var escrow in await context.Set<RentalEscrow>().AsNoTracking().ToListAsync(Ct))
        {
            Assert.Equal(escrow.HeldNanoUsd, await ledger.BalanceAsync(LedgerAccount.Escrow(escrow.ContractId), Ct));
            Assert.Equal(escrow.ReleasedNanoUsd, rows.Where(r => r.ContractId == escrow.ContractId).Sum(r => r.GrossNanoUsd));
        }

        Assert.Equal(rows.Sum(r => r.NetNanoUsd), await ledger.BalanceAsync(LedgerAccount.Payable(owner), Ct));
        Assert.True((await SendAsync(db.Services, new VerifyBooks())).Value.Balanced);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_payouts_of_the_same_releases_pay_them_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var first = db.NewInstance();
        await using var second = db.NewInstance();
        var owner = ProviderId.Create("provider-paid").Value;
        for (var i = 0; i < 5; i++)
        {
            await SeedEscrowAsync(db, owner, DateTimeOffset.UtcNow.AddDays(-3 - i), DateTimeOffset.UtcNow.AddDays(20));
        }

        Assert.Equal(5, await SendAsync(db.Services, new ReleaseEscrow()));
        var pending = Assert.Single(await SendAsync(db.Services, new ListPendingPayouts()));
        Assert.Equal((owner.Value, 5), (pending.ProviderPubkey, pending.ReleaseCount));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => SendAsync(i % 2 == 0 ? first : second,
            new RecordManualPayout("admin-key", null, owner.Value, "2vxsx-fae", $"icpay-{i}", pending.TotalPendingE9s, null)))));

        var winner = Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => r.IsFailed), r => Assert.Contains(r.FirstDomainError().Code, new[] { "releases_changed", "nothing_pending" }));
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        Assert.Equal(1, await context.Set<Payout>().CountAsync(Ct));
        Assert.All(await context.Set<PaymentRelease>().AsNoTracking().ToListAsync(Ct), r => Assert.Equal(winner.Value.PayoutId, r.PayoutId));
        var ledger = scope.ServiceProvider.GetRequiredService<ILedger>();
        Assert.Equal(0, await ledger.BalanceAsync(LedgerAccount.Payable(owner), Ct));
        Assert.Equal(pending.TotalPendingE9s, await ledger.BalanceAsync(LedgerAccount.Manual, Ct));
        Assert.True((await SendAsync(db.Services, new VerifyBooks())).Value.Balanced);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_database_refuses_releases_above_paid_a_period_twice_and_paid_out_without_a_payout(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var owner = ProviderId.Create("provider-rules").Value;
        var id = await SeedEscrowAsync(db, owner, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(10));
        Assert.Equal(1, await SendAsync(db.Services, new ReleaseEscrow()));

        var above = await Assert.ThrowsAnyAsync<Exception>(() => db.ExecuteScriptAsync(
            $"UPDATE rental_escrows SET \"RefundedNanoUsd\" = \"PaidNanoUsd\" - \"ReleasedNanoUsd\" + 1 WHERE \"ContractId\" = '{id.Hex}'"));
        Assert.Contains(EscrowAmountsCheck, above.Message, StringComparison.Ordinal);
        var unpaid = await Assert.ThrowsAnyAsync<Exception>(() => db.ExecuteScriptAsync("UPDATE payment_releases SET \"State\" = 'paid_out'"));
        Assert.Contains("CK_payment_releases_PaidOut", unpaid.Message, StringComparison.Ordinal);

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var row = await context.Set<PaymentRelease>().AsNoTracking().SingleAsync(Ct);
        scope.ServiceProvider.GetRequiredService<IReleaseStore>().AddRelease(
            PaymentRelease.Released(id, owner, PaymentReleaseKind.Daily, row.PeriodStart, row.PeriodEnd.AddSeconds(1), 5, PlatformFee.None, row.CreatedAt));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_settlement_that_read_an_escrow_before_the_job_released_it_fails_its_save_instead_of_releasing_the_period_again(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var owner = ProviderId.Create("provider-stale").Value;
        var id = await SeedEscrowAsync(db, owner, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(10));
        await using var stale = db.Scope();
        var escrow = (await stale.ServiceProvider.GetRequiredService<IReleaseStore>().FindEscrowAsync(id, Ct))!;

        Assert.Equal(1, await SendAsync(db.Services, new ReleaseEscrow()));

        var (release, refund) = escrow.Cancel(DateTimeOffset.UtcNow, PlatformFee.None);
        var store = stale.ServiceProvider.GetRequiredService<IReleaseStore>();
        store.AddRelease(release!);
        store.AddRelease(refund!);
        var unitOfWork = stale.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => unitOfWork.InTransactionAsync(async () =>
        {
            await unitOfWork.SaveChangesAsync(Ct);
            return true;
        }, Ct));

        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var row = await context.Set<PaymentRelease>().AsNoTracking().SingleAsync(Ct);
        var stored = await context.Set<RentalEscrow>().AsNoTracking().SingleAsync(Ct);
        Assert.Equal((row.GrossNanoUsd, 0L), (stored.ReleasedNanoUsd, stored.RefundedNanoUsd));
        Assert.Equal(stored.HeldNanoUsd, await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(LedgerAccount.Escrow(id), Ct));
    }

    private const string EscrowAmountsCheck = "CK_rental_escrows_Amounts";

    /// <summary>A funded escrow (a wallet topped up and debited into it, as a rental does) and its row.</summary>
    private static async Task<ContractId> SeedEscrowAsync(TestDatabase db, ProviderId owner, DateTimeOffset start, DateTimeOffset end)
    {
        await using var scope = db.Scope();
        var ledger = scope.ServiceProvider.GetRequiredService<ILedger>();
        var id = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
        var wallet = LedgerAccount.Wallet(Guid.NewGuid());
        var amount = UsdAmount.FromNanoUsd(Paid).Value;
        Assert.True((await ledger.PostAsync(LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:" + id.Hex, start, null, LedgerAccount.Stripe, wallet, amount).Value, Ct)).IsSuccess);
        Assert.True((await ledger.PostAsync(LedgerTransaction.Transfer(LedgerTransactionKind.RentalDebit, "rental:" + id.Hex, start, null, wallet, LedgerAccount.Escrow(id), amount).Value, Ct)).IsSuccess);
        scope.ServiceProvider.GetRequiredService<IReleaseStore>().AddEscrow(RentalEscrow.Open(id, owner, Paid, start, end).Value);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return id;
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
