using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Quality;

/// <summary>
/// The <c>sli_gap</c> signals: per offering with self-reports in the last 30 days, the claimed uptime minus the measured
/// 30-day uptime; a gap above <see cref="QualityOptions.SliGapThresholdPoints"/> is a red flag.
/// </summary>
internal sealed class SliGapSignals(ISelfReportedSliStore slis, IUptimeReader uptime, IOptions<QualityOptions> options) : ITrustSignalSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<TrustSignal>> ReadAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reports = await slis.ListForProviderAsync(providerId, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-30), cancellationToken);
        var signals = new List<TrustSignal>();
        foreach (var offering in reports.GroupBy(r => r.OfferingId))
        {
            var claimed = SliGap.MeanUptime([.. offering]);
            var measured = (await uptime.ForOfferingAsync(offering.Key, now, cancellationToken)).Month.Percent;
            if (SliGap.Points(claimed, measured) is not { } gap)
            {
                continue;
            }

            var red = SliGap.IsRedFlag(gap, options.Value.SliGapThresholdPoints);
            signals.Add(new TrustSignal(
                "sli_gap", offering.Key.ToString(), "self_reported_minus_measured_uptime_points", gap, "points", "platform", now,
                red ? SignalFlag.RedFlag : SignalFlag.None,
                $"self-reported uptime {claimed:0.##} % against measured {measured:0.##} % over 30 days"));
        }

        return signals;
    }
}
