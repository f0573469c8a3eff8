using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Running;

/// <summary>
/// One recurring loop of the agent as a hosted service: run a step, wait the interval, again, until the host
/// stops. A step that fails is logged and retried at the next interval; it never ends the loop, and since every
/// loop is its own service it never holds up another loop either.
/// </summary>
public abstract partial class RecurringService(string name, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock the loop waits on.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The loop's logger.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>How long to wait after a step.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One step of the loop.</summary>
    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogStepFailed(Logger, name, ex.Message);
            }

            try
            {
                await Task.Delay(Interval, Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Loop} step failed: {Reason}; retrying at the next interval")]
    private static partial void LogStepFailed(ILogger logger, string loop, string reason);
}
