using DecentCloud.Application.Common;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>
/// Deletes audit entries older than <c>DC_AUDIT_RETENTION_SECONDS</c> and the oldest refusals beyond
/// <c>DC_AUDIT_MAX_REFUSALS</c>. Idempotent, so several API instances may run it.
/// </summary>
internal sealed partial class PruneAuditTrailJob(IMediator mediator, ILogger<PruneAuditTrailJob> logger) : IRecurringJob
{
    public static string Name => "prune-audit";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await mediator.Send(new PruneAuditTrail(), cancellationToken);
        if (deleted > 0)
        {
            LogPruned(logger, deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit entries past their retention")]
    private static partial void LogPruned(ILogger logger, int count);
}
