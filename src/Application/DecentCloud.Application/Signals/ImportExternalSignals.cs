using DecentCloud.Application.Common;
using DecentCloud.Domain.Trust;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Signals;

/// <summary>What one source's import did: how many new signals it stored, or why it failed.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Stored">New signals stored.</param>
/// <param name="Error">The failure, or <c>null</c>.</param>
public sealed record ImportOutcome(string Source, int Stored, string? Error);

/// <summary>
/// The <c>import-signals</c> job: reads every configured listing that is due (each once per
/// <see cref="ExternalSignalsOptions.ImportInterval"/> across all API instances) and stores the new signals. A listing
/// whose structure changed, or that cannot be read, is logged as an error and recorded with its reason; the others
/// still run, and nothing of the failed one is stored.
/// </summary>
public sealed record ImportExternalSignals : ICommand<IReadOnlyList<ImportOutcome>>;

/// <summary>Handles <see cref="ImportExternalSignals"/>; returns the outcome of each source it claimed.</summary>
internal sealed partial class ImportExternalSignalsHandler(
    IEnumerable<IExternalSignalImporter> importers,
    IExternalSignalStore store,
    IOptions<ExternalSignalsOptions> options,
    TimeProvider time,
    ILogger<ImportExternalSignalsHandler> logger) : ICommandHandler<ImportExternalSignals, IReadOnlyList<ImportOutcome>>
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ImportOutcome>> Handle(ImportExternalSignals command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var outcomes = new List<ImportOutcome>();
        foreach (var source in o.Sources)
        {
            if (!await store.TryClaimAsync(source.Name, time.Now(), o.ImportInterval, cancellationToken))
            {
                continue;
            }

            var outcome = await ImportAsync(source, o.Timeout, cancellationToken);
            await store.RecordOutcomeAsync(source.Name, time.Now(), outcome.Stored, outcome.Error, cancellationToken);
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private async Task<ImportOutcome> ImportAsync(ExternalSignalSourceOptions source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var importer = importers.FirstOrDefault(i => i.Format == source.Format);
        if (importer is null)
        {
            LogNoImporter(source.Name, source.Format);
            return new ImportOutcome(source.Name, 0, $"no importer for format {source.Format}");
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var signals = await importer.ImportAsync(source, limit.Token);

            // The source's configuration decides whose signals they are, whatever an importer filled in.
            var owned = signals.Select(s => s with { Source = source.Name, ProviderId = source.ProviderId }).ToList();
            var stored = await store.AddNewAsync(owned, time.Now(), cancellationToken);
            LogImported(source.Name, owned.Count, stored);
            return new ImportOutcome(source.Name, stored, null);
        }
        catch (Exception ex) when (ex is ExternalSignalFormatException or HttpRequestException or System.Text.Json.JsonException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is OperationCanceledException ? $"no answer within {timeout}" : ex.Message;
            LogFailed(source.Name, source.Format, reason);
            return new ImportOutcome(source.Name, 0, reason.Length > 1000 ? reason[..1000] : reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "External signal source {Source}: no importer reads format {Format}")]
    private partial void LogNoImporter(string source, string format);

    [LoggerMessage(Level = LogLevel.Information, Message = "External signal source {Source}: {Read} signals read, {Stored} new")]
    private partial void LogImported(string source, int read, int stored);

    [LoggerMessage(Level = LogLevel.Error, Message = "External signal source {Source} ({Format}) failed, nothing stored: {Reason}")]
    private partial void LogFailed(string source, string format, string reason);
}
