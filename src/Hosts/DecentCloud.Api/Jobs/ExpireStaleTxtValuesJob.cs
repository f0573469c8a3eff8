using DecentCloud.Application.AcmeDns;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Removes challenge values older than <c>DC_ACME_TXT_MAX_AGE_SECONDS</c> from DNS. Idempotent, so several API instances may run it.</summary>
internal sealed partial class ExpireStaleTxtValuesJob(IMediator mediator, ILogger<ExpireStaleTxtValuesJob> logger) : IRecurringJob
{
    public static string Name => "expire-txt-values";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var expired = await mediator.Send(new ExpireStaleTxtValues(), cancellationToken);
        if (expired > 0)
        {
            LogExpired(logger, expired);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed stale challenge values from {Count} gateway records")]
    private static partial void LogExpired(ILogger logger, int count);
}
