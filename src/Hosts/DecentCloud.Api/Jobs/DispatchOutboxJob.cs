using DecentCloud.Application.Outbox;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>
/// Sends the side effects committed to the outbox (at least once; a crash between commit and send only delays
/// them to the next run). Safe on several API instances: batches are taken with row locks.
/// </summary>
internal sealed partial class DispatchOutboxJob(IMediator mediator, ILogger<DispatchOutboxJob> logger) : IRecurringJob
{
    public static string Name => "dispatch-outbox";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sent = await mediator.Send(new DispatchOutbox(), cancellationToken);
        if (sent > 0)
        {
            LogSent(logger, sent);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} outbox messages")]
    private static partial void LogSent(ILogger logger, int count);
}
