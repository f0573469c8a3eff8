namespace DecentCloud.Application.Outbox;

/// <summary>
/// A side effect waiting to leave the system, written in the same transaction as the change that caused
/// it and sent after commit by <see cref="DispatchOutbox"/>, at least once.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Longest <see cref="LastError"/> kept.</summary>
    public const int MaxErrorLength = 512;

    private OutboxMessage(Guid id, string type, string payload, string idempotencyKey, DateTimeOffset now)
    {
        Id = id;
        Type = type;
        Payload = payload;
        IdempotencyKey = idempotencyKey;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    /// <summary>The message's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>Which <see cref="IOutboxHandler"/> sends it, e.g. <c>acme_dns.txt_sync</c>.</summary>
    public string Type { get; private set; }

    /// <summary>What to send, as JSON (never a secret).</summary>
    public string Payload { get; private set; }

    /// <summary>Unique per side effect; handed to the receiving side so it can drop a repeat.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>How many sends failed so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the next send may happen.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>When it was sent; <c>null</c> while pending.</summary>
    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>Why the last send failed (the exception's type and message, cut short; never the payload).</summary>
    public string? LastError { get; private set; }

    /// <summary>A new pending message.</summary>
    public static OutboxMessage Create(string type, string payload, string idempotencyKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return new OutboxMessage(Guid.NewGuid(), type, payload, idempotencyKey, now);
    }

    /// <summary>
    /// Takes the message for one dispatcher until <paramref name="until"/>: no other dispatcher sees it before
    /// then, and if this one dies before recording the outcome, it becomes due again at that time.
    /// </summary>
    public void Claim(DateTimeOffset until) => NextAttemptAt = until;

    /// <summary>Records the send.</summary>
    public void MarkProcessed(DateTimeOffset now)
    {
        ProcessedAt = now;
        LastError = null;
    }

    /// <summary>Records a failed send and when to try again.</summary>
    public void MarkFailed(string error, DateTimeOffset nextAttemptAt)
    {
        ArgumentNullException.ThrowIfNull(error);
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        NextAttemptAt = nextAttemptAt;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private OutboxMessage()
    {
    }
#pragma warning restore CS8618
}
