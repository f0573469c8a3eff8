using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Quality;

/// <summary>The platform's own probe of a contract's endpoints (TCP connect to SSH, HTTPS to its gateway name).</summary>
public interface IServiceProbe
{
    /// <summary>Probes what <paramref name="target"/> names; an endpoint it does not name is <c>unknown</c>.</summary>
    Task<ProbeOutcome> ProbeAsync(ProbeTarget target, CancellationToken cancellationToken);
}

/// <summary>Where a contract's service is reached.</summary>
/// <param name="SshHost">The SSH host, or <c>null</c> when the contract has none known.</param>
/// <param name="SshPort">The SSH port.</param>
/// <param name="HttpsUrl">The gateway's HTTPS URL, or <c>null</c> when the contract has no name.</param>
public sealed record ProbeTarget(string? SshHost, int SshPort, Uri? HttpsUrl);

/// <summary>What one probe of one endpoint found.</summary>
/// <param name="Status">healthy, unhealthy, or unknown when the endpoint is not known.</param>
/// <param name="LatencyMs">The measured round trip, if it answered.</param>
/// <param name="Detail">A short explanation (the failure, or the status code).</param>
public sealed record EndpointResult(HealthStatus Status, int? LatencyMs, string Detail)
{
    /// <summary>An endpoint the contract does not have.</summary>
    public static EndpointResult NotKnown(string what) => new(HealthStatus.Unknown, null, what + " not known");
}

/// <summary>Both probes of a contract.</summary>
/// <param name="Ssh">The TCP connect to its SSH endpoint.</param>
/// <param name="Https">The HTTPS request to its gateway URL.</param>
public sealed record ProbeOutcome(EndpointResult Ssh, EndpointResult Https)
{
    /// <summary>Unhealthy when any known endpoint failed, healthy when every known one answered, unknown when none is known.</summary>
    public HealthStatus Status =>
        Ssh.Status == HealthStatus.Unhealthy || Https.Status == HealthStatus.Unhealthy ? HealthStatus.Unhealthy
        : Ssh.Status == HealthStatus.Healthy || Https.Status == HealthStatus.Healthy ? HealthStatus.Healthy
        : HealthStatus.Unknown;

    /// <summary>The slower endpoint's latency, if any answered.</summary>
    public int? LatencyMs => Ssh.LatencyMs is null && Https.LatencyMs is null ? null : Math.Max(Ssh.LatencyMs ?? 0, Https.LatencyMs ?? 0);

    /// <summary>Both results for people.</summary>
    public string Detail => $"ssh: {Ssh.Detail}; https: {Https.Detail}";
}
