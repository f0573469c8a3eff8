using System.Security.Cryptography;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Releases;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// PostgreSQL breaks a lock cycle by aborting one transaction: when it is ours, the command sees a conflict to retry on fresh
/// state, never an unmapped error (a 500). Only PostgreSQL has row locks to deadlock on; the suite always runs it.
/// </summary>
public class LockRaceTests
{
    private const long Paid = 9_000_000_001;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The job takes the escrow row (FOR UPDATE SKIP LOCKED), a settlement of the same contract (a cancel) posts the
    /// release key release:{c}:{start} and then updates the escrow row at its save (waits on the job), the job then posts
    /// the same key (waits on the settlement): a cycle. When PostgreSQL picks the settlement's UPDATE as the victim,
    /// the save answers ConcurrencyConflictException, so the IRetryOnConflict command (the user's cancel, the agent's
    /// report) runs again instead of failing with a 500.
    /// </summary>
    [Fact]
    public async Task A_settlement_deadlocked_by_the_release_job_is_a_conflict_to_retry_not_an_unmapped_error()
    {
        await using var db = await TestDatabase.CreateAsync("postgres");
        var owner = ProviderId.Create("provider-deadlock").Value;
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var id = await SeedEscrowAsync(db, owner, start, start.AddDays(12));

        // The "settlement" reads the escrow first (as RentalSettlement does, without a lock).
        await using var settlement = db.Scope();
        var store = settlement.ServiceProvider.GetRequiredService<IReleaseStore>();
        var escrow = (await store.FindEscrowAsync(id, Ct))!;

        // The job's transaction takes the escrow row as LockDueAsync does.
        await using var job = new NpgsqlConnection(db.Options.PostgresConnectionString);
        await job.OpenAsync(Ct);
        await using var jobTx = await job.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM rental_escrows WHERE \"ContractId\" = '{id.Hex}' FOR UPDATE SKIP LOCKED", job, jobTx))
        {
            Assert.Equal(1, await lockRow.ExecuteScalarAsync(Ct));
        }

        var key = $"release:{id.Hex}:{escrow.ReleasedUntil.UtcTicks}";
        var unitOfWork = settlement.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var ledger = settlement.ServiceProvider.GetRequiredService<ILedger>();
        var cancel = Task.Run(async () => await unitOfWork.InTransactionAsync(async () =>
        {
            var (release, refund) = escrow.Cancel(DateTimeOffset.UtcNow, PlatformFee.None);
            var posted = await ledger.PostAsync(LedgerTransaction.Transfer(LedgerTransactionKind.EscrowRelease, key, release!.CreatedAt, null,
                LedgerAccount.Escrow(id), LedgerAccount.Payable(owner), UsdAmount.FromNanoUsd(release.GrossNanoUsd).Value).Value, Ct);
            Assert.True(posted.IsSuccess);
            store.AddRelease(release);
            await unitOfWork.SaveChangesAsync(Ct); // UPDATE rental_escrows: waits on the job's row lock
            return true;
        }, Ct), Ct);

        await Task.Delay(400, Ct);
        Assert.False(cancel.IsCompleted);

        // The job now books the same period: it waits on the settlement's key → deadlock.
        var jobPost = Task.Run(async () =>
        {
            try
            {
                await using var insert = new NpgsqlCommand(
                    $"INSERT INTO ledger_transactions (\"Id\", \"Kind\", \"IdempotencyKey\", \"At\", \"Memo\") VALUES ('{Guid.NewGuid()}', 'escrow_release', '{key}', 0, '') ON CONFLICT (\"IdempotencyKey\") DO NOTHING",
                    job, jobTx);
                await insert.ExecuteNonQueryAsync(Ct);
                await jobTx.RollbackAsync(Ct);
                return "job went on";
            }
            catch (PostgresException ex)
            {
                return "job was the victim: " + ex.SqlState;
            }
        }, Ct);

        string outcome;
        try
        {
            await cancel;
            outcome = "settlement committed";
        }
        catch (ConcurrencyConflictException)
        {
            outcome = "settlement: conflict (retried)";
        }
        catch (Exception ex)
        {
            var chain = string.Join(" <- ", Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, i).Aggregate<int, Exception?>(ex, (e, _) => e?.InnerException)).Where(e => e is not null).Select(e => e is PostgresException pg ? "PostgresException " + pg.SqlState : e!.GetType().Name));
            outcome = $"settlement: {chain} ({ex.Message[..Math.Min(90, ex.Message.Length)]})";
        }

        var jobOutcome = await jobPost;
        Assert.True(outcome == "settlement: conflict (retried)", outcome + " / " + jobOutcome);
    }

    /// <summary>A ledger posting that loses a deadlock is a concurrency conflict (the release job and retried commands catch that).</summary>
    [Fact]
    public async Task A_ledger_posting_that_loses_a_deadlock_is_a_concurrency_conflict()
    {
        await using var db = await TestDatabase.CreateAsync("postgres");
        var walletA = LedgerAccount.Wallet(Guid.NewGuid());
        var walletB = LedgerAccount.Wallet(Guid.NewGuid());
        await using (var seed = db.Scope())
        {
            var l = seed.ServiceProvider.GetRequiredService<ILedger>();
            Assert.True((await l.PostAsync(LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:a", DateTimeOffset.UtcNow, null, LedgerAccount.Stripe, walletA, UsdAmount.FromWholeUsd(10).Value).Value, Ct)).IsSuccess);
            Assert.True((await l.PostAsync(LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:b", DateTimeOffset.UtcNow, null, LedgerAccount.Stripe, walletB, UsdAmount.FromWholeUsd(10).Value).Value, Ct)).IsSuccess);
        }

        // The other writer holds wallet B's balance row.
        await using var other = new NpgsqlConnection(db.Options.PostgresConnectionString);
        await other.OpenAsync(Ct);
        await using var otherTx = await other.BeginTransactionAsync(Ct);
        await using (var hold = new NpgsqlCommand($"UPDATE ledger_balances SET \"Version\" = \"Version\" + 1 WHERE \"Account\" = '{walletB}'", other, otherTx))
        {
            Assert.Equal(1, await hold.ExecuteNonQueryAsync(Ct));
        }

        // Our transaction holds wallet A's row (an earlier posting of the same transaction), then posts into wallet B: it waits.
        await using var scope = db.Scope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var ledger = scope.ServiceProvider.GetRequiredService<ILedger>();
        var ours = Task.Run(async () => await unitOfWork.InTransactionAsync(async () =>
        {
            Assert.True((await ledger.PostAsync(LedgerTransaction.Transfer(LedgerTransactionKind.Adjustment, "first", DateTimeOffset.UtcNow, null, walletA, LedgerAccount.Stripe, UsdAmount.FromWholeUsd(1).Value).Value, Ct)).IsSuccess);
            await ledger.PostAsync(LedgerTransaction.Transfer(LedgerTransactionKind.Adjustment, "second", DateTimeOffset.UtcNow, null, LedgerAccount.Stripe, walletB, UsdAmount.FromWholeUsd(1).Value).Value, Ct);
            return true;
        }, Ct), Ct);
        await Task.Delay(400, Ct);

        // The other writer now wants wallet A: a cycle; ours waited first, so PostgreSQL aborts ours.
        var theirs = Task.Run(async () =>
        {
            try
            {
                await using var take = new NpgsqlCommand($"UPDATE ledger_balances SET \"Version\" = \"Version\" + 1 WHERE \"Account\" = '{walletA}'", other, otherTx);
                await take.ExecuteNonQueryAsync(Ct);
                await otherTx.RollbackAsync(Ct);
            }
            catch (PostgresException)
            {
            }
        }, Ct);

        string outcome;
        try
        {
            await ours;
            outcome = "committed";
        }
        catch (ConcurrencyConflictException)
        {
            outcome = "conflict";
        }
        catch (Exception ex)
        {
            outcome = ex.GetType().Name + " <- " + ex.InnerException?.GetType().Name + " " + (ex.InnerException as PostgresException)?.SqlState + " " + (ex as PostgresException)?.SqlState;
        }

        await theirs;
        Assert.True(outcome == "conflict", outcome);
    }

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
}
