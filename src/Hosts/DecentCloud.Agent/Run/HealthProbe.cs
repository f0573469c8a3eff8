using System.Diagnostics;
using System.Net.Sockets;
using DecentCloud.Application.Provisioning;

namespace DecentCloud.Agent.Run;

/// <summary>
/// Measures an instance: the backend must report it running, and its SSH port must accept a TCP
/// connection; the latency is the connect time.
/// </summary>
internal sealed class HealthProbe(IProvisioner provisioner, TimeProvider time)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthBody> CheckAsync(string externalId, CancellationToken cancellationToken)
    {
        var checkedAt = time.GetUtcNow();
        var instance = await provisioner.GetInstanceAsync(externalId, cancellationToken);
        if (instance is null)
        {
            return new HealthBody(checkedAt, "unhealthy", null, "instance not found at the backend");
        }

        if (!instance.IsRunning)
        {
            return new HealthBody(checkedAt, "unhealthy", null, $"instance status {instance.Status}");
        }

        var host = instance.Ipv4 ?? instance.Ipv6;
        if (host is null)
        {
            return new HealthBody(checkedAt, "unknown", null, "instance has no address yet");
        }

        using var client = new TcpClient(host.Contains(':', StringComparison.Ordinal) ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await client.ConnectAsync(host, instance.SshPort, timeout.Token);
            var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return new HealthBody(checkedAt, "healthy", latency, $"ssh port {instance.SshPort} reachable");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthBody(checkedAt, "unhealthy", null, $"ssh port {instance.SshPort} unreachable");
        }
    }
}
