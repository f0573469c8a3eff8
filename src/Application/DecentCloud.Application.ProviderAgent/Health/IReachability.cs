namespace DecentCloud.Application.ProviderAgent.Health;

/// <summary>Whether a machine's port accepts a connection, and how fast.</summary>
public interface IReachability
{
    /// <summary>The connect time, or <c>null</c> when the port did not accept within the probe's own timeout.</summary>
    Task<TimeSpan?> ConnectAsync(string host, int port, CancellationToken cancellationToken);
}
