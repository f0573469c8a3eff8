using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Running;

/// <summary>
/// Polls for contracts every <see cref="ProviderAgentOptions.PollInterval"/> and provisions up to
/// <see cref="ProviderAgentOptions.MaxConcurrent"/> of them at once. On shutdown it stops polling and gives the
/// provisionings in flight <see cref="ProviderAgentOptions.ShutdownTimeout"/> to finish; what is cut off then is
/// cancelled and resumes cleanly at the next start (its lease runs out, its machine is found by contract id).
/// </summary>
public sealed partial class ProvisioningLoop(
    IProviderApi api, ContractProvisioner contracts, AgentState state, ProviderAgentOptions options, TimeProvider time, ILogger<ProvisioningLoop> logger)
    : RecurringService("poll", time, logger)
{
    private readonly CancellationTokenSource _work = new();
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrent, options.MaxConcurrent);

    /// <inheritdoc />
    protected override TimeSpan Interval => options.PollInterval;

    /// <inheritdoc />
    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        foreach (var pending in await api.PendingContractsAsync(stoppingToken))
        {
            if (state.IsInFlight(pending.ContractId) || !await _slots.WaitAsync(0, stoppingToken))
            {
                continue;
            }

            // The work waits for its own registration, so its clean-up can never run before it is tracked.
            var tracked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            state.Track(pending.ContractId, ProvisionAsync(pending, tracked.Task));
            tracked.SetResult();
        }
    }

    /// <summary>Stops polling, then waits for the provisionings in flight up to the shutdown timeout before cancelling them.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var running = state.InFlightWork();
        if (running.Length == 0)
        {
            return;
        }

        LogStopping(Logger, running.Length, options.ShutdownTimeout.TotalSeconds);
        try
        {
            await Task.WhenAll(running).WaitAsync(options.ShutdownTimeout, Time, cancellationToken);
            LogDrained(Logger, running.Length);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogCutOff(Logger, state.InFlight.Count);
            await _work.CancelAsync();
            await Task.WhenAll(running);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _work.Dispose();
        _slots.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ProvisionAsync(PendingContract pending, Task tracked)
    {
        await tracked;
        try
        {
            await contracts.RunAsync(pending, _work.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Lost API, cancelled at shutdown, or a backend hiccup: the lease runs out and a later poll resumes it.
            LogInterrupted(Logger, pending.ContractId, ex.Message);
        }
        finally
        {
            state.Untrack(pending.ContractId);
            _slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting up to {Seconds} s for {Count} provisionings")]
    private static partial void LogStopping(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "All {Count} provisionings in flight finished before shutdown")]
    private static partial void LogDrained(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timeout reached: cancelling {Count} provisionings; they resume at the next start")]
    private static partial void LogCutOff(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning of {ContractId} interrupted: {Reason}; it resumes at a later poll")]
    private static partial void LogInterrupted(ILogger logger, string contractId, string reason);
}
