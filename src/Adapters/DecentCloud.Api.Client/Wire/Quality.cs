namespace DecentCloud.Api.Client;

/// <summary>Measured uptime over one rolling window, from the platform's own probes.</summary>
/// <param name="Window"><c>24h</c>, <c>7d</c> or <c>30d</c>.</param>
/// <param name="Percent">Healthy checks as a percentage (4 decimals), or <c>null</c> without a check.</param>
/// <param name="Healthy">Healthy checks.</param>
/// <param name="Total">Checks that decided (healthy or unhealthy; unknown ones are left out).</param>
public sealed record UptimeWindowFigures(string Window, decimal? Percent, long Healthy, long Total);

/// <summary>A run of unhealthy platform checks.</summary>
/// <param name="StartedAt">The first unhealthy check.</param>
/// <param name="EndedAt">The healthy check that ended it, or <c>null</c> while it lasts.</param>
/// <param name="DurationSeconds">Its length so far.</param>
/// <param name="UnhealthyChecks">Unhealthy checks in the run.</param>
public sealed record UptimeIncident(DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long DurationSeconds, int UnhealthyChecks);

/// <summary><c>GET /api/v1/contracts/{id}/uptime</c>: a contract's measured uptime, incidents and SLA breaches.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Windows">Uptime over 24 h, 7 d and 30 d.</param>
/// <param name="Incidents">Incidents of the last 30 days (and any still open), newest first.</param>
/// <param name="SlaBreaches">SLA breaches recorded in the last 30 days (at most one per hour).</param>
public sealed record ContractUptime(string ContractId, IReadOnlyList<UptimeWindowFigures> Windows, IReadOnlyList<UptimeIncident> Incidents, int SlaBreaches);

/// <summary>One day of an offering as its provider reports it.</summary>
/// <param name="Day">The UTC day (<c>yyyy-MM-dd</c>).</param>
/// <param name="UptimePercent">Claimed uptime (0-100).</param>
/// <param name="ResponsePercent">Claimed response SLI (0-100).</param>
/// <param name="Incidents">Claimed incidents.</param>
public sealed record SelfReportedDay(DateOnly Day, decimal UptimePercent, decimal ResponsePercent, int Incidents);

/// <summary><c>GET /api/v1/offerings/{id}/uptime</c>: measured uptime beside what the provider reports.</summary>
/// <param name="OfferingId">The offering.</param>
/// <param name="Windows">Measured uptime over 24 h, 7 d and 30 d, over its contracts.</param>
/// <param name="SelfReported">The provider's reports of the last 30 days, oldest first.</param>
/// <param name="SelfReportedUptimePercent">Their mean claimed uptime, or <c>null</c>.</param>
/// <param name="GapPoints">Claimed minus measured 30-day uptime, or <c>null</c> when either is missing.</param>
/// <param name="RedFlag">Whether the gap is above the platform's threshold.</param>
public sealed record OfferingUptime(
    Guid OfferingId, IReadOnlyList<UptimeWindowFigures> Windows, IReadOnlyList<SelfReportedDay> SelfReported, decimal? SelfReportedUptimePercent, decimal? GapPoints, bool RedFlag);

/// <summary><c>GET /api/v1/providers/{id}/uptime</c>: a provider's measured uptime over all its contracts.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="Windows">Uptime over 24 h, 7 d and 30 d.</param>
public sealed record ProviderUptime(string ProviderId, IReadOnlyList<UptimeWindowFigures> Windows);

/// <summary><c>PUT /api/v1/providers/me/offerings/{id}/sli</c>: one day of an offering as its provider reports it.</summary>
/// <param name="Day">The UTC day (<c>yyyy-MM-dd</c>), within the last 90 days.</param>
/// <param name="UptimePercent">Uptime (0-100).</param>
/// <param name="ResponsePercent">Response SLI (0-100).</param>
/// <param name="Incidents">Incidents that day.</param>
public sealed record SelfReportedSliSubmission(DateOnly Day, decimal UptimePercent, decimal ResponsePercent, int Incidents);
