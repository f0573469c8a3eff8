using DecentCloud.Application.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class OutboxStore(DecentCloudDbContext db, PersistenceOptions options, TimeProvider time) : IOutbox, IOutboxStore
{
    // Row locks need raw SQL: EF cannot compose FOR UPDATE. SQLite has no row locks; its write transaction
    // (taken at BEGIN) already keeps a second dispatcher out while the batch is claimed.
    private const string DueSql = """
        SELECT "Id" AS "Value" FROM outbox_messages
        WHERE "ProcessedAt" IS NULL AND "NextAttemptAt" <= {0}
        ORDER BY "NextAttemptAt", "CreatedAt" LIMIT {1}
        """;

    public void Enqueue(string type, string payload, string idempotencyKey) =>
        db.Set<OutboxMessage>().Add(OutboxMessage.Create(type, payload, idempotencyKey, time.GetUtcNow()));

    public async Task<IReadOnlyList<OutboxMessage>> LockDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQueryRaw<Guid>(
            options.UsesPostgres ? DueSql + " FOR UPDATE SKIP LOCKED" : DueSql,
            now.UtcTicks, limit).ToListAsync(cancellationToken);
        var messages = await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        return messages.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt).ToArray();
    }

    public Task<int> DeleteProcessedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().Where(m => m.ProcessedAt != null && m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);

    public Task<OutboxMessage?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken);
}
