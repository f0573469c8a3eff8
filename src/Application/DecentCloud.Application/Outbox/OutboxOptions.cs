namespace DecentCloud.Application.Outbox;

/// <summary>Settings of <see cref="DispatchOutbox"/>.</summary>
public sealed class OutboxOptions
{
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromSeconds(1);

    /// <summary>Messages taken per transaction.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Wait after the first failed send; doubled after each further failure.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between two sends of a failing message.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a dispatcher owns the messages it took: longer than any send takes (adapters time out well within
    /// it), since a message whose claim runs out while it is still being sent may be sent by another dispatcher too.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A claimed message is sent only while at least this much of its claim is left (longer than any adapter's timeout),
    /// so a send never outlives its claim and no second dispatcher can be sending the same message at the same time.
    /// </summary>
    public TimeSpan MinClaimLeftToSend { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long sent messages are kept (for operators) before the dispatcher deletes them.</summary>
    public TimeSpan KeepProcessedFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The wait after the <paramref name="failures"/>-th failed send (1-based).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);

        // In double ticks, so a large base delay cannot overflow TimeSpan before the cap applies.
        var ticks = Math.Min(RetryBaseDelay.Ticks * Math.Pow(2, doublings), MaxRetryDelay.Ticks);
        var delay = TimeSpan.FromTicks((long)ticks);

        // Never zero: a failed message must not come back in the same dispatch run.
        return delay > MinimumDelay ? delay : MinimumDelay;
    }
}
