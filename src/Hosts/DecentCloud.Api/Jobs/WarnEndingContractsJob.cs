using DecentCloud.Application.Notifications.Events;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Tells users whose contracts end within the lookahead (see <see cref="WarnEndingContracts"/>); repeats are harmless, the notifier keeps one per contract and end.</summary>
internal sealed partial class WarnEndingContractsJob(IMediator mediator, ILogger<WarnEndingContractsJob> logger) : IRecurringJob
{
    /// <summary>How often it runs unless <c>Jobs:Intervals:warn-ending-contracts</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);

    public static string Name => "warn-ending-contracts";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var warned = await mediator.Send(new WarnEndingContracts(), cancellationToken);
        if (warned > 0)
        {
            LogWarned(logger, warned);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Raised ending-soon for {Count} contracts")]
    private static partial void LogWarned(ILogger logger, int count);
}
