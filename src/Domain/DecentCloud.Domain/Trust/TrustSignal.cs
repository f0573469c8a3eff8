namespace DecentCloud.Domain.Trust;

/// <summary>How much a signal should worry a user.</summary>
public enum SignalFlag
{
    /// <summary>Information only.</summary>
    None,
    /// <summary>Worth a look (e.g. a price far from the market's).</summary>
    Warning,
    /// <summary>A red flag (e.g. self-reported uptime far above the measured one).</summary>
    RedFlag,
}

/// <summary>
/// A fact shown beside a provider's score, not part of it: an external benchmark, a price against the market, a gap
/// between self-reported and measured service.
/// </summary>
/// <param name="Kind">What kind of signal: <c>benchmark</c>, <c>price_vs_market</c>, <c>sli_gap</c>, <c>external_uptime</c>, ...</param>
/// <param name="Subject">What it is about: an offering id, or the provider id.</param>
/// <param name="Metric">The metric, e.g. <c>geekbench6_single</c>, <c>disk_write_4k_mbps</c>, <c>price_vs_market_percent</c>.</param>
/// <param name="Value">The value, or <c>null</c> when the signal is only a flag.</param>
/// <param name="Unit">The value's unit (<c>percent</c>, <c>mbps</c>, <c>score</c>, ...).</param>
/// <param name="Source">Where it comes from: <c>platform</c>, <c>yabs</c> (a renter's submission), an importer's name.</param>
/// <param name="ObservedAt">When it was observed.</param>
/// <param name="Flag">How much it should worry a user.</param>
/// <param name="Note">A short human explanation, or <c>null</c>.</param>
public sealed record TrustSignal(
    string Kind,
    string Subject,
    string Metric,
    decimal? Value,
    string Unit,
    string Source,
    DateTimeOffset ObservedAt,
    SignalFlag Flag,
    string? Note);
