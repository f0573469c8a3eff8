namespace DecentCloud.Application.Outbox;

/// <summary>Sends the outbox messages of one <see cref="Type"/> to the outside system they are for.</summary>
public interface IOutboxHandler
{
    /// <summary>The message type this handler sends.</summary>
    string Type { get; }

    /// <summary>
    /// Sends one message. May run more than once for the same message (after a crash between the send and
    /// the commit), so it passes <paramref name="idempotencyKey"/> on or is idempotent by nature. Throwing
    /// schedules a retry.
    /// </summary>
    Task SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken);
}
