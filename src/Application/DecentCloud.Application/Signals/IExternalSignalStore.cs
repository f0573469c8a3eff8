using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Signals;

/// <summary>Imported signals (<c>external_signals</c>) and each source's last import (<c>external_signal_imports</c>).</summary>
public interface IExternalSignalStore
{
    /// <summary>
    /// Claims the source's import for this interval: <c>true</c> when its last attempt is older than
    /// <paramref name="interval"/> (or it has none), and only for one caller when several instances ask at once
    /// (a conditional update in the database). It commits by itself.
    /// </summary>
    Task<bool> TryClaimAsync(string source, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken);

    /// <summary>Records how the claimed import ended: how many new signals, or the error (commits by itself).</summary>
    Task RecordOutcomeAsync(string source, DateTimeOffset at, int stored, string? error, CancellationToken cancellationToken);

    /// <summary>Stores the signals not stored yet (same source, subject, metric, context and time) and says how many were new.</summary>
    Task<int> AddNewAsync(IReadOnlyList<ExternalSignal> signals, DateTimeOffset importedAt, CancellationToken cancellationToken);

    /// <summary>The newest signal per (source, subject, metric, context) of the provider, observed since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<ExternalSignal>> ListLatestAsync(ProviderId providerId, DateTimeOffset since, CancellationToken cancellationToken);
}
