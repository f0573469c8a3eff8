using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Health;

/// <summary>
/// Measures an instance: the backend must report it running, and its SSH port must accept a connection; the
/// latency is the connect time. It reports what it measured; what a report means for the contract (e.g.
/// activation on the first healthy one) is the server's rule.
/// </summary>
public sealed class HealthProbe(IProvisioner provisioner, IReachability reachability, TimeProvider time)
{
    /// <summary>Checks one instance.</summary>
    public async Task<HealthCheckReport> CheckAsync(string externalId, CancellationToken cancellationToken)
    {
        var checkedAt = time.GetUtcNow();
        var instance = await provisioner.GetInstanceAsync(externalId, cancellationToken);
        if (instance is null)
        {
            return new HealthCheckReport(checkedAt, "unhealthy", null, "instance not found at the backend");
        }

        if (!instance.IsRunning)
        {
            return new HealthCheckReport(checkedAt, "unhealthy", null, $"instance status {instance.Status}");
        }

        var host = instance.Ipv4 ?? instance.Ipv6;
        if (host is null)
        {
            return new HealthCheckReport(checkedAt, "unknown", null, "instance has no address yet");
        }

        return await reachability.ConnectAsync(host, instance.SshPort, cancellationToken) is { } latency
            ? new HealthCheckReport(checkedAt, "healthy", (int)latency.TotalMilliseconds, $"ssh port {instance.SshPort} reachable")
            : new HealthCheckReport(checkedAt, "unhealthy", null, $"ssh port {instance.SshPort} unreachable");
    }
}
