using DecentCloud.Application.Contracts;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Moves contracts past their timeouts (expired requests, stuck provisionings). Row versions stop two instances overwriting each other.</summary>
internal sealed partial class ApplyContractTimeoutsJob(IMediator mediator, ILogger<ApplyContractTimeoutsJob> logger) : IRecurringJob
{
    public static string Name => "contract-timeouts";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var timedOut = await mediator.Send(new ApplyContractTimeouts(), cancellationToken);
        if (timedOut > 0)
        {
            LogTimedOut(logger, timedOut);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} contracts past their timeout")]
    private static partial void LogTimedOut(ILogger logger, int count);
}
