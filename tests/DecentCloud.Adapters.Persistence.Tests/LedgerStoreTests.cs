using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>The books on a real database of each provider: atomic posts, idempotency keys and the never-negative rule under concurrency.</summary>
public class LedgerStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly UsdAmount Price = UsdAmount.FromWholeUsd(5).Value;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LedgerAccount NewWallet() => LedgerAccount.Wallet(Guid.NewGuid());

    private static LedgerAccount NewEscrow() => LedgerAccount.Escrow(ContractId.FromBytes(Guid.NewGuid().ToByteArray()).Value);

    private static LedgerTransaction Transfer(LedgerTransactionKind kind, string key, LedgerAccount from, LedgerAccount to, UsdAmount amount) =>
        LedgerTransaction.Transfer(kind, key, Now, "test", from, to, amount).Value;

    private static async Task<FluentResults.Result<LedgerTransaction>> PostAsync(TestDatabase db, LedgerTransaction tx)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(tx, Ct);
    }

    private static async Task<long> BalanceAsync(TestDatabase db, LedgerAccount account)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(account, Ct);
    }

    private static async Task<BooksReport> VerifyAsync(TestDatabase db)
    {
        await using var scope = db.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new VerifyBooks(), Ct)).Value;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_posted_transaction_moves_both_balances_and_reads_back_by_its_key(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var wallet = NewWallet();
        var topUp = Transfer(LedgerTransactionKind.TopUp, "stripe:cs_1", LedgerAccount.Stripe, wallet, Price);

        var posted = await PostAsync(db, topUp);

        Assert.True(posted.IsSuccess);
        Assert.Equal(5_000_000_000, await BalanceAsync(db, wallet));
        Assert.Equal(-5_000_000_000, await BalanceAsync(db, LedgerAccount.Stripe));
        Assert.Equal(0, await BalanceAsync(db, NewWallet()));
        await using var scope = db.Scope();
        var read = await scope.ServiceProvider.GetRequiredService<ILedger>().FindByKeyAsync("stripe:cs_1", Ct);
        Assert.NotNull(read);
        Assert.Equal(topUp.Id, read.Id);
        Assert.Equal(Now, read.At);
        Assert.Equal("test", read.Memo);
        Assert.True(read.SameMovementAs(topUp));
        var report = await VerifyAsync(db);
        Assert.True(report.Balanced);
        Assert.Equal(new BooksCounts(1, 2, 2), report.Counts);
        Assert.Equal(5_000_000_000, (await SendAsync(db, new WalletBalance(Guid.Parse(wallet.Owner!)))).NanoUsd);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_debit_beyond_the_wallet_is_refused_and_writes_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var wallet = NewWallet();
        Assert.True((await PostAsync(db, Transfer(LedgerTransactionKind.TopUp, "t", LedgerAccount.Stripe, wallet, Price))).IsSuccess);

        var escrow = NewEscrow();
        var refused = await PostAsync(db, Transfer(LedgerTransactionKind.RentalDebit, "d", wallet, escrow, UsdAmount.FromNanoUsd(5_000_000_001).Value));

        var error = Assert.IsType<DomainError>(Assert.Single(refused.Errors));
        Assert.Equal("insufficient_funds", error.Code);
        Assert.Contains(wallet.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(5_000_000_000, await BalanceAsync(db, wallet));
        Assert.Equal(0, await BalanceAsync(db, escrow));
        await using var scope = db.Scope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ILedger>().FindByKeyAsync("d", Ct));
        Assert.Equal(new BooksCounts(1, 2, 2), (await VerifyAsync(db)).Counts);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_refused_post_inside_a_callers_transaction_undoes_only_itself(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var wallet = NewWallet();
        var escrow = NewEscrow();
        await using (var scope = db.Scope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<ILedger>();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            var refused = await unitOfWork.InTransactionAsync(async () =>
            {
                Assert.True((await ledger.PostAsync(Transfer(LedgerTransactionKind.TopUp, "t", LedgerAccount.Stripe, wallet, Price), Ct)).IsSuccess);
                // The wallet holds 5 USD within this transaction: 2 go, then 4 more are refused without undoing the rest.
                Assert.True((await ledger.PostAsync(Transfer(LedgerTransactionKind.RentalDebit, "d1", wallet, escrow, UsdAmount.FromWholeUsd(2).Value), Ct)).IsSuccess);
                return await ledger.PostAsync(Transfer(LedgerTransactionKind.RentalDebit, "d2", wallet, escrow, UsdAmount.FromWholeUsd(4).Value), Ct);
            }, Ct);
            Assert.Equal("insufficient_funds", Assert.IsType<DomainError>(Assert.Single(refused.Errors)).Code);
        }

        Assert.Equal(3_000_000_000, await BalanceAsync(db, wallet));
        Assert.Equal(2_000_000_000, await BalanceAsync(db, escrow));
        var report = await VerifyAsync(db);
        Assert.True(report.Balanced);
        Assert.Equal(2, report.Counts.Transactions);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_hundred_concurrent_debits_against_a_wallet_funded_for_one_hundred_let_exactly_one_hundred_through(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var wallet = NewWallet();
        Assert.True((await PostAsync(db, Transfer(LedgerTransactionKind.TopUp, "fund", LedgerAccount.Stripe, wallet, Price.Multiply(100).Value))).IsSuccess);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            PostAsync(db, Transfer(LedgerTransactionKind.RentalDebit, $"rent:{i}", wallet, NewEscrow(), Price)), Ct)));

        Assert.Equal(100, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailed), r => Assert.Equal("insufficient_funds", Assert.IsType<DomainError>(Assert.Single(r.Errors)).Code));
        Assert.Equal(0, await BalanceAsync(db, wallet));
        var report = await VerifyAsync(db);
        Assert.True(report.Balanced, string.Join("\n", report.Discrepancies));
        Assert.Equal(101, report.Counts.Transactions);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_idempotency_key_posted_five_times_at_once_is_booked_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var wallet = NewWallet();

        // Five deliveries of one webhook: each builds its own transaction (own id), all under one key.
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
            PostAsync(db, Transfer(LedgerTransactionKind.TopUp, "icpay:pay_42", LedgerAccount.Icpay, wallet, Price)), Ct)));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Single(results.Select(r => r.Value.Id).Distinct());
        Assert.Equal(5_000_000_000, await BalanceAsync(db, wallet));
        var report = await VerifyAsync(db);
        Assert.True(report.Balanced);
        Assert.Equal(1, report.Counts.Transactions);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_database_itself_refuses_a_wallet_below_zero(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var wallet = NewWallet();
        Assert.True((await PostAsync(db, Transfer(LedgerTransactionKind.TopUp, "t", LedgerAccount.Stripe, wallet, Price))).IsSuccess);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.ExecuteScriptAsync($"UPDATE ledger_balances SET \"Balance\" = -1 WHERE \"Account\" = '{wallet}'"));

        Assert.Contains("CK_ledger_balances_NonNegative", refused.Message, StringComparison.Ordinal);
        Assert.True(refused is PostgresException { SqlState: PostgresErrorCodes.CheckViolation } or SqliteException { SqliteErrorCode: 19 });
        Assert.Equal(5_000_000_000, await BalanceAsync(db, wallet));
        // A rail may go below zero: that is the money that came in.
        await db.ExecuteScriptAsync("UPDATE ledger_balances SET \"Balance\" = \"Balance\" - 1 WHERE \"Account\" = 'rail:stripe'");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verification_names_every_kind_of_tampering(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var wallet = NewWallet();
        var escrow = NewEscrow();
        var topUp = Transfer(LedgerTransactionKind.TopUp, "t", LedgerAccount.Stripe, wallet, Price);
        Assert.True((await PostAsync(db, topUp)).IsSuccess);
        Assert.True((await PostAsync(db, Transfer(LedgerTransactionKind.RentalDebit, "d", wallet, escrow, UsdAmount.FromWholeUsd(1).Value))).IsSuccess);
        Assert.True((await VerifyAsync(db)).Balanced);

        await db.ExecuteScriptAsync($"UPDATE ledger_balances SET \"Balance\" = \"Balance\" + 7 WHERE \"Account\" = '{wallet}'");
        await db.ExecuteScriptAsync($"UPDATE ledger_postings SET \"Amount\" = \"Amount\" + 1 WHERE \"Account\" = '{escrow}'");
        await db.ExecuteScriptAsync($"UPDATE ledger_balances SET \"NonNegative\" = {(provider == "postgres" ? "false" : "0")}, \"Balance\" = -3 WHERE \"Account\" = 'revenue'"
            .Replace("'revenue'", $"'{escrow}'", StringComparison.Ordinal));

        var report = await VerifyAsync(db);

        Assert.False(report.Balanced);
        Assert.Contains(report.Discrepancies, d => d.Problem == "balance_mismatch" && d.Subject == wallet.ToString());
        Assert.Contains(report.Discrepancies, d => d.Problem == "balance_mismatch" && d.Subject == escrow.ToString());
        Assert.Contains(report.Discrepancies, d => d.Problem == "unbalanced_transaction" && d.Detail.Contains("sum to 1 nano-USD", StringComparison.Ordinal));
        Assert.Contains(report.Discrepancies, d => d.Problem == "negative_balance" && d.Subject == escrow.ToString());
    }

    private static async Task<UsdAmount> SendAsync(TestDatabase db, WalletBalance query)
    {
        await using var scope = db.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, Ct)).Value;
    }
}
