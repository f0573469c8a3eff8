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

    /// <summary>The wait after the <paramref name="failures"/>-th failed send (1-based).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var delay = RetryBaseDelay * Math.Pow(2, doublings);
        delay = delay < MaxRetryDelay ? delay : MaxRetryDelay;

        // Never zero: a failed message must not come back in the same dispatch run.
        return delay > MinimumDelay ? delay : MinimumDelay;
    }
}
