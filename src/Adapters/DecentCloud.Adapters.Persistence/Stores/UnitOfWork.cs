using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class UnitOfWork(DecentCloudDbContext db, DomainEventDispatcher events, HeldTransaction held) : IUnitOfWork
{
    private const int SqliteConstraint = 19;

    // Handlers may raise further events; a chain this long is a loop, not a business process.
    private const int MaxEventRounds = 10;

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        await DispatchDomainEventsAsync(cancellationToken);
        await held.SaveAsync(() => SaveAsync(cancellationToken), cancellationToken);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException("a row changed since it was read", ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new ConcurrencyConflictException("a row with the same key was inserted concurrently", ex);
        }
        catch (Exception ex) when (IsLockRace(ex))
        {
            // PostgreSQL aborted this save to break a deadlock (or a serialization failure): the held transaction is
            // abandoned by the caller, and a retrying command runs again on fresh state instead of answering 500.
            throw new ConcurrencyConflictException("the database aborted the save to break a lock cycle", ex);
        }
    }

    /// <summary>A deadlock or serialization failure anywhere in the exception chain (EF wraps it in one or two layers).</summary>
    private static bool IsLockRace(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }

    public void Reset() => db.ChangeTracker.Clear();

    public async Task StartOverAsync()
    {
        await held.AbandonAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Hands the events of the tracked aggregates to their handlers before anything is written, until no
    /// handler raises more: whatever they change or enqueue is saved by the same SaveChanges, so one
    /// transaction holds it all, and a handler that throws leaves nothing written.
    /// </summary>
    private async Task DispatchDomainEventsAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var raised = db.ChangeTracker.Entries<AggregateRoot>().SelectMany(e => e.Entity.TakeEvents()).ToList();
            if (raised.Count == 0)
            {
                return;
            }

            if (round == MaxEventRounds)
            {
                throw new InvalidOperationException($"domain event handlers still raised events after {MaxEventRounds} rounds");
            }

            await events.DispatchAsync(raised, cancellationToken);
        }
    }

    public Task<T> InHeldTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) => held.RunAsync(work);

    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        // Inside a held transaction (a handler of an audited command): open it now and let its end commit.
        await held.BeforeSaveAsync(cancellationToken);
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
