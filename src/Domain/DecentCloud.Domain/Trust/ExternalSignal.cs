namespace DecentCloud.Domain.Trust;

/// <summary>
/// A figure about a provider imported from a public listing (an uptime status page, a benchmark listing), matched
/// to the provider by configuration. Stored as imported; shown beside the score, never part of it.
/// </summary>
/// <param name="Source">The configured source's name (e.g. <c>acme-status</c>).</param>
/// <param name="ProviderId">The provider the source is configured for.</param>
/// <param name="Kind"><see cref="UptimeKind"/> or <see cref="BenchmarkKind"/>.</param>
/// <param name="Subject">What the figure is about within the listing: a monitor's name, a plan.</param>
/// <param name="Metric">E.g. <c>uptime_24h_percent</c>, <c>geekbench6_single</c>.</param>
/// <param name="Value">The figure.</param>
/// <param name="Unit"><c>percent</c>, <c>ms</c>, <c>score</c>, <c>mbps</c>, <c>iops</c>.</param>
/// <param name="Context">More about where it was measured, or <c>null</c>.</param>
/// <param name="ObservedAt">When the listing says it was observed.</param>
public sealed record ExternalSignal(
    string Source,
    string ProviderId,
    string Kind,
    string Subject,
    string Metric,
    decimal Value,
    string Unit,
    string? Context,
    DateTimeOffset ObservedAt)
{
    /// <summary>The kind of an imported uptime figure.</summary>
    public const string UptimeKind = "external_uptime";

    /// <summary>The kind of an imported benchmark figure.</summary>
    public const string BenchmarkKind = "external_benchmark";

    /// <summary>An imported benchmark as a signal of <paramref name="providerId"/> from <paramref name="source"/>.</summary>
    public static ExternalSignal FromBenchmark(ExternalBenchmark benchmark, string source, string providerId)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        return new ExternalSignal(source, providerId, BenchmarkKind, benchmark.Subject, benchmark.Metric, benchmark.Value, benchmark.Unit,
            benchmark.Context, benchmark.ObservedAt);
    }
}
