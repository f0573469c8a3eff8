using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Quality;

/// <summary>
/// The probe of a host that registered no probe adapter (an admin verb, a test harness): every endpoint is
/// <c>unknown</c>, which counts neither for nor against uptime. The API registers the real one.
/// </summary>
internal sealed class NoServiceProbe : IServiceProbe
{
    /// <inheritdoc />
    public Task<ProbeOutcome> ProbeAsync(ProbeTarget target, CancellationToken cancellationToken) =>
        Task.FromResult(new ProbeOutcome(
            new EndpointResult(HealthStatus.Unknown, null, "no probe configured"),
            new EndpointResult(HealthStatus.Unknown, null, "no probe configured")));
}
