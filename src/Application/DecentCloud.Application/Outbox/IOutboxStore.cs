namespace DecentCloud.Application.Outbox;

/// <summary>The dispatcher's view of the outbox table.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> pending messages due at <paramref name="now"/>, oldest first, locked
    /// until the current transaction ends (PostgreSQL: rows another dispatcher holds are skipped).
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> LockDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the messages sent before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteProcessedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>The message with <paramref name="idempotencyKey"/>, if any (for operators and tests).</summary>
    Task<OutboxMessage?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken);
}
