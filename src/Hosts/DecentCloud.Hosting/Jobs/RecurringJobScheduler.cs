using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Hosting.Jobs;

/// <summary>
/// Runs every registered <see cref="IRecurringJob"/> on its own timer: at start, then every interval. A run that
/// throws is logged and does not delay, skip or stop any other job; the failing job tries again at its next tick.
/// Runs of one job never overlap.
/// </summary>
internal sealed partial class RecurringJobScheduler(
    IEnumerable<RecurringJobRegistration> jobs,
    IOptions<RecurringJobsOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<RecurringJobScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => RunLoopAsync(job, options.Value.IntervalOf(job.Name), stoppingToken)));

    private async Task RunLoopAsync(RecurringJobRegistration job, TimeSpan interval, CancellationToken stoppingToken)
    {
        // Leave the caller first, so one job's synchronous start cannot hold up the others.
        await Task.Yield();
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await RunOnceAsync(job, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task RunOnceAsync(RecurringJobRegistration job, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var instance = (IRecurringJob)scope.ServiceProvider.GetRequiredService(job.JobType);
            await instance.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The exception (type, message, stack) is logged as it is: jobs must not put secrets into exception messages.
            LogJobFailed(logger, job.Name, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Recurring job {Job} failed; it runs again at its next interval")]
    private static partial void LogJobFailed(ILogger logger, string job, Exception exception);
}
