namespace DecentCloud.Money.Bench;

/// <summary>
/// The bench process's clock: the system clock until <see cref="Pin"/> fixes "now" at an instant. Phase (d) pins it
/// so that every release of one run is computed at the same known instant and its exact pro-rata amount can be
/// checked; the instants it pins are in the past, so no booking is dated after the real time.
/// </summary>
internal sealed class BenchClock : TimeProvider
{
    private long _pinnedTicks;

    /// <summary>From now on "now" is <paramref name="at"/>.</summary>
    public void Pin(DateTimeOffset at) => Interlocked.Exchange(ref _pinnedTicks, at.UtcTicks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var pinned = Interlocked.Read(ref _pinnedTicks);
        return pinned == 0 ? base.GetUtcNow() : new DateTimeOffset(pinned, TimeSpan.Zero);
    }
}
