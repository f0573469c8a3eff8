using DecentCloud.Domain.Quality;

namespace DecentCloud.Application.Quality;

/// <summary>Uptime over one rolling window.</summary>
/// <param name="Window"><c>24h</c>, <c>7d</c> or <c>30d</c>.</param>
/// <param name="Percent">Healthy checks as a percentage, or <c>null</c> without a decided check.</param>
/// <param name="Healthy">Healthy checks.</param>
/// <param name="Total">Decided checks (healthy or unhealthy).</param>
public sealed record UptimeWindowView(string Window, decimal? Percent, long Healthy, long Total)
{
    internal static IReadOnlyList<UptimeWindowView> Of(UptimeFigures figures) =>
    [
        new("24h", figures.Day.Percent, figures.Day.Healthy, figures.Day.Total),
        new("7d", figures.Week.Percent, figures.Week.Healthy, figures.Week.Total),
        new("30d", figures.Month.Percent, figures.Month.Healthy, figures.Month.Total),
    ];
}

/// <summary>An incident: a run of unhealthy platform checks.</summary>
/// <param name="StartedAt">The first unhealthy check.</param>
/// <param name="EndedAt">The healthy check that ended it, or <c>null</c> while it lasts.</param>
/// <param name="DurationSeconds">Its length so far.</param>
/// <param name="UnhealthyChecks">Unhealthy checks in the run.</param>
public sealed record IncidentView(DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long DurationSeconds, int UnhealthyChecks);

/// <summary>A contract's measured uptime and its incidents over the last 30 days.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Windows">Uptime over 24 h, 7 d and 30 d.</param>
/// <param name="Incidents">Incidents of the last 30 days (and any still open), newest first.</param>
/// <param name="SlaBreaches">SLA breaches recorded, newest first (at most one per hour).</param>
public sealed record ContractUptimeView(string ContractId, IReadOnlyList<UptimeWindowView> Windows, IReadOnlyList<IncidentView> Incidents, int SlaBreaches);

/// <summary>One day a provider reported on an offering.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="UptimePercent">Claimed uptime.</param>
/// <param name="ResponsePercent">Claimed response SLI.</param>
/// <param name="Incidents">Claimed incidents.</param>
public sealed record SelfReportedSliView(DateOnly Day, decimal UptimePercent, decimal ResponsePercent, int Incidents);

/// <summary>An offering's measured uptime beside what its provider reports.</summary>
/// <param name="OfferingId">The offering.</param>
/// <param name="Windows">Measured uptime over 24 h, 7 d and 30 d (summed over its contracts).</param>
/// <param name="SelfReported">The provider's reports of the last 30 days, oldest first.</param>
/// <param name="SelfReportedUptimePercent">The mean claimed uptime of those days, or <c>null</c> without a report.</param>
/// <param name="GapPoints">Claimed minus measured 30-day uptime, or <c>null</c> when either is missing.</param>
/// <param name="RedFlag">Whether the gap exceeds the threshold.</param>
public sealed record OfferingUptimeView(
    Guid OfferingId, IReadOnlyList<UptimeWindowView> Windows, IReadOnlyList<SelfReportedSliView> SelfReported, decimal? SelfReportedUptimePercent, decimal? GapPoints, bool RedFlag);

/// <summary>A provider's measured uptime over all its contracts.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="Windows">Uptime over 24 h, 7 d and 30 d.</param>
public sealed record ProviderUptimeView(string ProviderId, IReadOnlyList<UptimeWindowView> Windows);

/// <summary>Measured against self-reported uptime, the one rule for the red flag.</summary>
internal static class SliGap
{
    /// <summary>Claimed minus measured, rounded to 2 places, or <c>null</c> when either is missing.</summary>
    public static decimal? Points(decimal? claimed, decimal? measured) =>
        claimed is { } c && measured is { } m ? Math.Round(c - m, 2) : null;

    /// <summary>Whether a gap is a red flag: strictly more than the threshold above what was measured.</summary>
    public static bool IsRedFlag(decimal? gap, decimal threshold) => gap is { } g && g > threshold;

    /// <summary>The mean claimed uptime, or <c>null</c> without a report.</summary>
    public static decimal? MeanUptime(IReadOnlyCollection<Domain.Quality.SelfReportedSli> reports) =>
        reports.Count == 0 ? null : Math.Round(reports.Average(r => r.UptimePercent), 4);
}
