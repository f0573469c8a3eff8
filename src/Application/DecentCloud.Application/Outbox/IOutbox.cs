namespace DecentCloud.Application.Outbox;

/// <summary>
/// Where use cases and domain-event handlers put side effects (DNS changes, ledger transfers,
/// notifications) so they leave only after the request's transaction commits.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Adds a message to the pending changes; it is written by the next save, atomically with them.
    /// <paramref name="payload"/> is JSON and never holds a secret; <paramref name="idempotencyKey"/> is
    /// unique (a second message with the same key fails the save as a concurrency conflict).
    /// </summary>
    void Enqueue(string type, string payload, string idempotencyKey);
}
