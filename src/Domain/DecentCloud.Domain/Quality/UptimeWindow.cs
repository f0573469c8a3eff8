namespace DecentCloud.Domain.Quality;

/// <summary>Health checks over one rolling window: how many were healthy out of how many that decided (unknown ones excluded).</summary>
/// <param name="Healthy">Checks that found the service healthy.</param>
/// <param name="Total">Checks that decided (healthy or unhealthy).</param>
public sealed record UptimeWindow(long Healthy, long Total)
{
    /// <summary>An empty window.</summary>
    public static UptimeWindow Empty { get; } = new(0, 0);

    /// <summary>Healthy as a percentage of <see cref="Total"/> (0-100), or <c>null</c> without a check.</summary>
    public decimal? Percent => Total == 0 ? null : Math.Round(100m * Healthy / Total, 4);

    /// <summary>The sum of two windows (two contracts, or raw checks and hourly rollups).</summary>
    public static UptimeWindow operator +(UptimeWindow left, UptimeWindow right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Healthy + right.Healthy, left.Total + right.Total);
    }

    /// <summary>The sum of two windows.</summary>
    public static UptimeWindow Add(UptimeWindow left, UptimeWindow right) => left + right;
}

/// <summary>Uptime of a contract, offering or provider over the three rolling windows the platform reports.</summary>
/// <param name="Day">The last 24 hours.</param>
/// <param name="Week">The last 7 days.</param>
/// <param name="Month">The last 30 days.</param>
public sealed record UptimeFigures(UptimeWindow Day, UptimeWindow Week, UptimeWindow Month)
{
    /// <summary>No checks at all.</summary>
    public static UptimeFigures Empty { get; } = new(UptimeWindow.Empty, UptimeWindow.Empty, UptimeWindow.Empty);
}
