namespace DecentCloud.Icp.Agent.Http;

/// <summary>The <c>ingress_expiry</c> of a request, in nanoseconds since the epoch.</summary>
internal static class IngressExpiry
{
    private static readonly TimeSpan RoundingThreshold = TimeSpan.FromSeconds(90);

    /// <summary>
    /// <paramref name="now"/> (already drift-corrected) plus <paramref name="ahead"/>; from 90 seconds up rounded
    /// down to the minute, so requests of the same minute share an expiry (and boundary-node caches can work).
    /// </summary>
    public static ulong Nanoseconds(DateTimeOffset now, TimeSpan ahead)
    {
        var expiry = now + ahead;
        if (ahead >= RoundingThreshold)
        {
            expiry = new DateTimeOffset(expiry.Ticks - (expiry.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        }

        return (ulong)(expiry - DateTimeOffset.UnixEpoch).Ticks * 100;
    }
}
