namespace DecentCloud.Quality.Bench;

/// <summary>
/// "Now" pinned at the end of the seeded checks, moved only by the bench: so the rolling windows cover exactly the
/// seeded checks and the measured uptime can be compared with the seeded truth.
/// </summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}
