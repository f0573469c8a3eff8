using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Money.Books;
using FluentResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// The books on EF Core, written with plain SQL so a posting never rides on (nor flushes) the caller's change
/// tracker. Each balance moves with one conditional UPDATE: the row lock it takes serialises writers of one account
/// (PostgreSQL re-reads the row after waiting; SQLite has one writer at a time), and its WHERE refuses to take an
/// account that must stay non-negative below zero — so concurrent debits of one wallet can never overdraw it, with
/// no read-then-write race and no retry.
/// </summary>
internal sealed class LedgerStore(DecentCloudDbContext db, HeldTransaction held) : ILedger
{
    private const string Savepoint = "ledger_post";

    public async Task<Result<LedgerTransaction>> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (await FindByKeyAsync(transaction.IdempotencyKey, cancellationToken) is { } booked)
        {
            return booked;
        }

        await held.BeforeSaveAsync(cancellationToken);
        try
        {
            var outcome = db.Database.CurrentTransaction is { } outer
                ? await InSavepointAsync(outer, transaction, cancellationToken)
                : await InOwnTransactionAsync(transaction, cancellationToken);
            return outcome.Refused is { } refused
                ? Result.Fail<LedgerTransaction>(LedgerErrors.InsufficientFunds(refused))
                : outcome.KeyTaken
                    ? await FindByKeyAsync(transaction.IdempotencyKey, cancellationToken)
                        ?? throw new InvalidOperationException($"idempotency key {transaction.IdempotencyKey} is taken but no transaction holds it")
                    : transaction;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
        {
            // Only when the caller's own rows lock in another order; its IRetryOnConflict command runs again. What the
            // command's held transaction wrote before this (an earlier posting of the same move) is rolled back first, so
            // the retry starts from the committed state and cannot find its own uncommitted key "already booked".
            await held.AbandonAsync();
            throw new ConcurrencyConflictException("the books lost a lock race", ex);
        }
    }

    public async Task<long> BalanceAsync(LedgerAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var text = account.ToString();
        var balances = await db.Set<LedgerBalanceRow>().AsNoTracking().Where(b => b.Account == text).Select(b => b.Balance).ToListAsync(cancellationToken);
        return balances.Count == 0 ? 0 : balances[0];
    }

    public async Task<LedgerTransaction?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var row = await db.Set<LedgerTransactionRow>().AsNoTracking().SingleOrDefaultAsync(t => t.IdempotencyKey == idempotencyKey, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var lines = await db.Set<LedgerPostingRow>().AsNoTracking().Where(p => p.TransactionId == row.Id).ToListAsync(cancellationToken);
        var postings = lines.Select(p => new LedgerPosting(LedgerAccount.Parse(p.Account).Value, p.Amount)).ToArray();
        var kind = LedgerTransactionKinds.FromWire(row.Kind) ?? throw new InvalidOperationException($"transaction {row.Id} has unknown kind {row.Kind}");
        var rebuilt = LedgerTransaction.Create(row.Id, kind, row.IdempotencyKey, row.At, row.Memo, postings);
        return rebuilt.IsSuccess
            ? rebuilt.Value
            : throw new InvalidOperationException($"transaction {row.Id} in the books is invalid: {string.Join("; ", rebuilt.Errors.Select(e => e.Message))}");
    }

    private async Task<Outcome> InOwnTransactionAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        await using var own = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await WriteAsync(transaction, cancellationToken);
        if (outcome.Written)
        {
            await own.CommitAsync(cancellationToken);
        }

        // Not committed: disposing rolls every row of it back.
        return outcome;
    }

    private async Task<Outcome> InSavepointAsync(IDbContextTransaction outer, LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        await outer.CreateSavepointAsync(Savepoint, cancellationToken);
        Outcome outcome;
        try
        {
            outcome = await WriteAsync(transaction, cancellationToken);
        }
        catch
        {
            // PostgreSQL refuses every further statement of an aborted transaction until this.
            await outer.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            throw;
        }

        if (outcome.Written)
        {
            await outer.ReleaseSavepointAsync(Savepoint, cancellationToken);
        }
        else
        {
            await outer.RollbackToSavepointAsync(Savepoint, cancellationToken);
        }

        return outcome;
    }

    private async Task<Outcome> WriteAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        // The key first: a concurrent post of the same key waits here for the first to end, then inserts nothing.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO ledger_transactions ("Id", "Kind", "IdempotencyKey", "At", "Memo")
            VALUES ({transaction.Id}, {transaction.Kind.ToWire()}, {transaction.IdempotencyKey}, {transaction.At.UtcTicks}, {transaction.Memo})
            ON CONFLICT ("IdempotencyKey") DO NOTHING
            """,
            cancellationToken);
        if (inserted == 0)
        {
            return Outcome.Duplicate;
        }

        // One order for every writer, so two transactions touching the same accounts never wait on each other in a circle.
        foreach (var posting in transaction.Postings.OrderBy(p => p.Account.ToString(), StringComparer.Ordinal))
        {
            var account = posting.Account.ToString();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO ledger_balances ("Account", "Balance", "NonNegative", "Version")
                VALUES ({account}, {0L}, {posting.Account.MustStayNonNegative}, {0L})
                ON CONFLICT ("Account") DO NOTHING
                """,
                cancellationToken);
            var moved = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                UPDATE ledger_balances SET "Balance" = "Balance" + {posting.AmountNanoUsd}, "Version" = "Version" + 1
                WHERE "Account" = {account} AND (NOT "NonNegative" OR "Balance" + {posting.AmountNanoUsd} >= 0)
                """,
                cancellationToken);
            if (moved == 0)
            {
                return Outcome.InsufficientFunds(posting.Account);
            }

            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO ledger_postings ("TransactionId", "Account", "Amount")
                VALUES ({transaction.Id}, {account}, {posting.AmountNanoUsd})
                """,
                cancellationToken);
        }

        return Outcome.Booked;
    }

    private readonly record struct Outcome(bool Written, bool KeyTaken, LedgerAccount? Refused)
    {
        public static Outcome Booked => new(true, false, null);

        public static Outcome Duplicate => new(false, true, null);

        public static Outcome InsufficientFunds(LedgerAccount account) => new(false, false, account);
    }
}
