using System.Diagnostics;
using System.Net.Sockets;
using DecentCloud.Application.ProviderAgent.Health;

namespace DecentCloud.Agent.Run;

/// <summary>A TCP connect with a 5 s timeout; the latency is the connect time.</summary>
internal sealed class TcpReachability : IReachability
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public async Task<TimeSpan?> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(host.Contains(':', StringComparison.Ordinal) ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return Stopwatch.GetElapsedTime(started);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
