using DecentCloud.Application.Contracts;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Deletes encrypted VM credentials older than <c>DC_CREDENTIAL_LIFETIME_SECONDS</c>.</summary>
internal sealed partial class ExpireCredentialsJob(IMediator mediator, ILogger<ExpireCredentialsJob> logger) : IRecurringJob
{
    public static string Name => "expire-credentials";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await mediator.Send(new ExpireCredentials(), cancellationToken);
        if (deleted > 0)
        {
            LogCredentialsExpired(logger, deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired contract credentials")]
    private static partial void LogCredentialsExpired(ILogger logger, int count);
}
