using DecentCloud.Application.Quality;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Records an SLA breach (and raises <c>SlaBreached</c>) for each contract below its target over the last 24 h, at most once per contract per hour.</summary>
internal sealed partial class DetectSlaBreachesJob(IMediator mediator, ILogger<DetectSlaBreachesJob> logger) : IRecurringJob
{
    /// <summary>Hourly unless <c>Jobs:Intervals:detect-sla-breaches</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    public static string Name => "detect-sla-breaches";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var breaches = await mediator.Send(new DetectSlaBreaches(), cancellationToken);
        if (breaches > 0)
        {
            LogBreaches(logger, breaches);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} contracts breached their SLA target over the last 24 hours")]
    private static partial void LogBreaches(ILogger logger, int count);
}
