using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Signals;

/// <summary>
/// Signals of kind <c>benchmark</c>: per offering and metric, the median of the renters' YABS runs of the last
/// <see cref="Window"/> (a median, so one odd run neither lifts nor sinks an offering).
/// </summary>
internal sealed class BenchmarkSignals(IBenchmarkStore benchmarks) : ITrustSignalSource
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(180);

    public async Task<IReadOnlyList<TrustSignal>> ReadAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var submissions = await benchmarks.ListByProviderAsync(providerId, now - Window, cancellationToken);
        return [.. submissions.SelectMany(s => s.Benchmarks)
            .GroupBy(b => (b.Subject, b.Metric))
            .OrderBy(g => g.Key.Subject, StringComparer.Ordinal).ThenBy(g => g.Key.Metric, StringComparer.Ordinal)
            .Select(g => new TrustSignal("benchmark", g.Key.Subject, g.Key.Metric, Median(g.Select(b => b.Value)), g.First().Unit,
                SubmitBenchmark.Source, g.Max(b => b.ObservedAt), SignalFlag.None,
                $"median of {g.Count()} renter measurement(s)"))];
    }

    internal static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
