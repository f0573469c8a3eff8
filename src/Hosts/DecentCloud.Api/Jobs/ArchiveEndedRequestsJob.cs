using DecentCloud.Application.Contracts;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Archives contract requests that ended without a payment or a machine, <c>DC_CONTRACT_REQUEST_RETENTION_SECONDS</c> after they ended.</summary>
internal sealed partial class ArchiveEndedRequestsJob(IMediator mediator, ILogger<ArchiveEndedRequestsJob> logger) : IRecurringJob
{
    public static string Name => "contract-retention";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var archived = await mediator.Send(new ArchiveEndedRequests(), cancellationToken);
        if (archived > 0)
        {
            LogArchived(logger, archived);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived {Count} contract requests that ended without a payment or a machine")]
    private static partial void LogArchived(ILogger logger, int count);
}
