using System.Collections.Concurrent;
using DecentCloud.Application.Provisioning;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Agent.Run;

/// <summary>
/// The agent loop: poll for contracts (and password resets), heartbeat at the server's interval,
/// reconcile, health-check. Up to <see cref="RunConfig.MaxConcurrent"/> contracts provision at once. On
/// shutdown the loops stop and running provisionings get <see cref="RunConfig.ShutdownTimeoutSeconds"/>
/// to finish; anything cut off resumes cleanly at the next start.
/// </summary>
internal sealed partial class AgentRunner(
    ProtocolClient api,
    IProvisioner provisioner,
    ContractProvisioner contracts,
    Reconciler reconciler,
    HealthProbe health,
    PasswordResetWorker resets,
    RunConfig config,
    string version,
    TimeProvider time,
    ILogger<AgentRunner> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();
    private readonly SemaphoreSlim _slots = new(config.MaxConcurrent, config.MaxConcurrent);
    private IReadOnlyList<ReconciledInstance> _kept = [];

    public async Task RunAsync(CancellationToken stopping)
    {
        LogStarting(logger, provisioner.Type, config.MaxConcurrent);
        using var work = new CancellationTokenSource();
        var loops = new[]
        {
            EveryAsync("poll", TimeSpan.FromSeconds(config.PollSeconds), ct => PollAsync(work.Token, ct), stopping),
            HeartbeatLoopAsync(stopping),
            EveryAsync("reconcile", TimeSpan.FromSeconds(config.ReconcileSeconds), async ct => _kept = await reconciler.RunAsync(InFlightIds(), ct), stopping),
            EveryAsync("health", TimeSpan.FromSeconds(config.HealthSeconds), HealthAsync, stopping),
        };
        await Task.WhenAll(loops);

        LogStopping(logger, _inFlight.Count, config.ShutdownTimeoutSeconds);
        var all = Task.WhenAll(_inFlight.Values);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(config.ShutdownTimeoutSeconds), time, CancellationToken.None)) != all)
        {
            await work.CancelAsync();
            await all.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        LogStopped(logger);
    }

    public void Dispose() => _slots.Dispose();

    private HashSet<string> InFlightIds() => [.. _inFlight.Keys];

    private async Task PollAsync(CancellationToken work, CancellationToken stopping)
    {
        foreach (var pending in await api.PendingProvisionAsync(stopping))
        {
            if (_inFlight.ContainsKey(pending.ContractId) || !await _slots.WaitAsync(0, stopping))
            {
                continue;
            }

            _inFlight[pending.ContractId] = ProvisionAsync(pending, work);
        }

        await resets.RunAsync(stopping);
    }

    private async Task ProvisionAsync(PendingContract pending, CancellationToken work)
    {
        await Task.Yield();
        try
        {
            await contracts.RunAsync(pending, work);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Lost API, cancelled at shutdown, or a backend hiccup: the lease runs out and the next poll resumes it.
            LogProvisionInterrupted(logger, pending.ContractId, ex.Message);
        }
        finally
        {
            _inFlight.TryRemove(pending.ContractId, out _);
            _slots.Release();
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        var interval = TimeSpan.FromSeconds(60);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var resources = new { cpuCount = Environment.ProcessorCount, memoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes };
                var reply = await api.HeartbeatAsync(new Heartbeat(version, [provisioner.Type], _kept.Count + _inFlight.Count, resources), stopping);
                interval = TimeSpan.FromSeconds(Math.Clamp(reply.NextHeartbeatSeconds, 1, 3600));
            }
            catch (Exception ex) when (ex is Common.ApiCallException or HttpRequestException)
            {
                LogLoopFailed(logger, "heartbeat", ex.Message);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            if (!await DelayAsync(interval, stopping))
            {
                return;
            }
        }
    }

    private async Task HealthAsync(CancellationToken stopping)
    {
        foreach (var instance in _kept.Where(k => k.ContractId is not null))
        {
            var report = await health.CheckAsync(instance.ExternalId, stopping);
            await api.HealthAsync(instance.ContractId!, report, stopping);
        }
    }

    private async Task EveryAsync(string name, TimeSpan interval, Func<CancellationToken, Task> step, CancellationToken stopping)
    {
        do
        {
            try
            {
                await step(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Common.ApiCallException or HttpRequestException or ProvisioningException)
            {
                LogLoopFailed(logger, name, ex.Message);
            }
        }
        while (await DelayAsync(interval, stopping));
    }

    private async Task<bool> DelayAsync(TimeSpan interval, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(interval, time, stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "dc-agent running with the {Backend} provisioner, up to {MaxConcurrent} provisionings at once")]
    private static partial void LogStarting(ILogger logger, string backend, int maxConcurrent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting up to {Seconds} s for {Count} provisionings")]
    private static partial void LogStopping(ILogger logger, int count, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "dc-agent stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning of {ContractId} interrupted: {Reason}; it resumes at a later poll")]
    private static partial void LogProvisionInterrupted(ILogger logger, string contractId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Loop} step failed: {Reason}; retrying at the next interval")]
    private static partial void LogLoopFailed(ILogger logger, string loop, string reason);
}
