using DecentCloud.Api.Configuration;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Contracts;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>
/// Periodically removes stale challenge values, forgets expired nonces and applies contract timeouts and deletes expired credentials. Safe on several API
/// instances: both steps are idempotent and row versions stop two instances overwriting each other.
/// </summary>
internal sealed partial class MaintenanceWorker(IServiceScopeFactory scopes, ApiSettings settings, TimeProvider time, ILogger<MaintenanceWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SweepInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var expired = await mediator.Send(new ExpireStaleTxtValues(), stoppingToken);
                if (expired > 0)
                {
                    LogExpired(logger, expired);
                }

                await scope.ServiceProvider.GetRequiredService<INonceStore>().ForgetExpiredAsync(time.GetUtcNow(), stoppingToken);
                var timedOut = await mediator.Send(new ApplyContractTimeouts(), stoppingToken);
                if (timedOut > 0)
                {
                    LogTimedOut(logger, timedOut);
                }

                await mediator.Send(new DecentCloud.Application.Outbox.DispatchOutbox(), stoppingToken);
                var deleted = await mediator.Send(new ExpireCredentials(), stoppingToken);
                if (deleted > 0)
                {
                    LogCredentialsExpired(logger, deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed stale challenge values from {Count} gateway records")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} contracts past their timeout")]
    private static partial void LogTimedOut(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired contract credentials")]
    private static partial void LogCredentialsExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance sweep failed; retrying at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
