using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Running;

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
