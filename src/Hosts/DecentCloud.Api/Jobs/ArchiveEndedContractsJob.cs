using DecentCloud.Application.Retention;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>
/// Moves contracts that ended more than <c>DC_CONTRACT_RETENTION_DAYS</c> ago, with their history, health reports,
/// credentials and payment records, to the archive tables: one transaction per contract, resumable, safe on several
/// instances. Runs daily unless <c>DC_CONTRACT_ARCHIVE_INTERVAL_SECONDS</c> says otherwise.
/// </summary>
internal sealed partial class ArchiveEndedContractsJob(IMediator mediator, ILogger<ArchiveEndedContractsJob> logger) : IRecurringJob
{
    /// <summary>How often the job runs when no interval is configured for it: the retention is counted in days.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromDays(1);

    public static string Name => "archive-contracts";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = await mediator.Send(new ArchiveEndedContracts(), cancellationToken);
        if (run.Contracts > 0)
        {
            LogArchived(logger, run.Contracts, string.Join(", ", run.RowsByTable.Select(kv => $"{kv.Key}={kv.Value}")));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived {Count} ended contracts; rows moved per table: {Rows}")]
    private static partial void LogArchived(ILogger logger, int count, string rows);
}
