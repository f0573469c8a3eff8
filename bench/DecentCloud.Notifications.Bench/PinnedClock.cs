namespace DecentCloud.Notifications.Bench;

/// <summary>
/// Noon (UTC) of today for phase 1: the free allowance is per UTC day, so a run that crossed midnight would get a fresh
/// allowance half-way and the exact refused counts would not hold. Phase 2 runs on the system clock (its lag is real time).
/// </summary>
internal sealed class PinnedClock : TimeProvider
{
    private readonly DateTimeOffset _now = new(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;
}
