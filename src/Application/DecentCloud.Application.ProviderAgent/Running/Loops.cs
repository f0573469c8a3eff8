using DecentCloud.Application.ProviderAgent.Health;
using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Application.ProviderAgent.Reconciling;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Running;

/// <summary>Reconciles every <see cref="ProviderAgentOptions.ReconcileInterval"/>.</summary>
public sealed class ReconcileLoop(Reconciler reconciler, ProviderAgentOptions options, TimeProvider time, ILogger<ReconcileLoop> logger)
    : RecurringService("reconcile", time, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => options.ReconcileInterval;

    /// <inheritdoc />
    protected override Task RunOnceAsync(CancellationToken stoppingToken) => reconciler.RunAsync(stoppingToken);
}

/// <summary>Answers password resets every <see cref="ProviderAgentOptions.PasswordResetInterval"/>.</summary>
public sealed class PasswordResetLoop(PasswordResetWorker worker, ProviderAgentOptions options, TimeProvider time, ILogger<PasswordResetLoop> logger)
    : RecurringService("password reset", time, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => options.PasswordResetInterval;

    /// <inheritdoc />
    protected override Task RunOnceAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}

/// <summary>Checks the kept instances every <see cref="ProviderAgentOptions.HealthInterval"/>; one instance's failure does not skip the others.</summary>
public sealed partial class HealthLoop(IProviderApi api, HealthProbe probe, AgentState state, ProviderAgentOptions options, TimeProvider time, ILogger<HealthLoop> logger)
    : RecurringService("health", time, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => options.HealthInterval;

    /// <inheritdoc />
    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        foreach (var instance in state.Kept.Where(k => k.ContractId is not null))
        {
            try
            {
                var report = await probe.CheckAsync(instance.ExternalId, stoppingToken);
                await api.ReportHealthAsync(instance.ContractId!, report, stoppingToken);
            }
            catch (Exception ex) when (ex is ProvisioningException or ProviderApiException)
            {
                LogCheckFailed(Logger, instance.ContractId!, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check of contract {ContractId} failed: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string contractId, string reason);
}

/// <summary>Heartbeats at the interval the API names in each reply (1 s to 1 h).</summary>
public sealed class HeartbeatLoop(IProviderApi api, IProvisioner provisioner, AgentState state, ProviderAgentOptions options, TimeProvider time, ILogger<HeartbeatLoop> logger)
    : RecurringService("heartbeat", time, logger)
{
    private TimeSpan _interval = options.HeartbeatInterval;

    /// <inheritdoc />
    protected override TimeSpan Interval => _interval;

    /// <inheritdoc />
    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var resources = new AgentResources(Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var beat = new Heartbeat(options.Version, [provisioner.Type], state.Kept.Count + state.InFlight.Count, resources);
        var reply = await api.HeartbeatAsync(beat, stoppingToken);
        _interval = TimeSpan.FromSeconds(Math.Clamp(reply.NextHeartbeatSeconds, 1, 3600));
    }
}
