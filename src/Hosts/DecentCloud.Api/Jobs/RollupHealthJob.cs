using DecentCloud.Application.Quality;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Rolls the platform's checks up into hourly sums and removes raw checks past <c>DC_QUALITY_RAW_RETENTION_DAYS</c> once rolled up.</summary>
internal sealed partial class RollupHealthJob(IMediator mediator, ILogger<RollupHealthJob> logger) : IRecurringJob
{
    public static string Name => "rollup-health";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RollupHealth(), cancellationToken);
        if (result.Rollups > 0 || result.Pruned > 0)
        {
            LogRolledUp(logger, result.Rollups, result.RolledUntil, result.Pruned);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Rollups} hourly health rollups (rolled up until {RolledUntil}); removed {Pruned} raw checks")]
    private static partial void LogRolledUp(ILogger logger, int rollups, DateTimeOffset rolledUntil, int pruned);
}
