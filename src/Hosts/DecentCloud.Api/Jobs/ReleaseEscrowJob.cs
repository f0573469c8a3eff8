using DecentCloud.Application.Releases;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Releases running rentals' earned escrow to their providers. Row locks that other instances skip keep two instances from releasing the same escrow.</summary>
internal sealed partial class ReleaseEscrowJob(IMediator mediator, ILogger<ReleaseEscrowJob> logger) : IRecurringJob
{
    public static string Name => "escrow-releases";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var released = await mediator.Send(new ReleaseEscrow(), cancellationToken);
        if (released > 0)
        {
            LogReleased(logger, released);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the escrow of {Count} rentals")]
    private static partial void LogReleased(ILogger logger, int count);
}
