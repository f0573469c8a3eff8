using DecentCloud.Application.Trust;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Recomputes and stores every provider's trust and reliability scores (see <see cref="RecomputeScores"/>); row locks share the work between instances.</summary>
internal sealed partial class RecomputeScoresJob(IMediator mediator, ILogger<RecomputeScoresJob> logger) : IRecurringJob
{
    /// <summary>How often it runs unless <c>Jobs:Intervals:recompute-scores</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    public static string Name => "recompute-scores";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var scored = await mediator.Send(new RecomputeScores(), cancellationToken);
        if (scored > 0)
        {
            LogScored(logger, scored);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recomputed the scores of {Count} providers")]
    private static partial void LogScored(ILogger logger, int count);
}
