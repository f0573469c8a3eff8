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

    /// <summary>Every source's last import, by name.</summary>
    Task<IReadOnlyList<ExternalSignalImportStatus>> ListImportsAsync(CancellationToken cancellationToken);

    /// <summary>The newest signal per (source, subject, metric, context) of the provider, observed since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<ExternalSignal>> ListLatestAsync(ProviderId providerId, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>A source's last import as recorded.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="LastAttemptAt">When an instance last claimed it.</param>
/// <param name="LastFinishedAt">When that import ended, or <c>null</c> while it runs (or if it died).</param>
/// <param name="LastStored">How many new signals it stored.</param>
/// <param name="LastError">Why it failed, or <c>null</c>.</param>
public sealed record ExternalSignalImportStatus(string Source, DateTimeOffset LastAttemptAt, DateTimeOffset? LastFinishedAt, int LastStored, string? LastError);
