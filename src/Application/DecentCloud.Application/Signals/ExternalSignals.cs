using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Signals;

/// <summary>
/// Signals of kinds <c>external_uptime</c> and <c>external_benchmark</c>: the newest imported figure per source,
/// subject and metric of the last <see cref="Window"/>, as the listing published it.
/// </summary>
internal sealed class ExternalSignals(IExternalSignalStore store) : ITrustSignalSource
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public async Task<IReadOnlyList<TrustSignal>> ReadAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        [.. (await store.ListLatestAsync(providerId, now - Window, cancellationToken))
            .Select(s => new TrustSignal(s.Kind, s.Subject, s.Metric, s.Value, s.Unit, s.Source, s.ObservedAt, SignalFlag.None, s.Context))];
}
