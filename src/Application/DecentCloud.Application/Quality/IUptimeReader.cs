using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;

namespace DecentCloud.Application.Quality;

/// <summary>
/// Measured uptime over the rolling windows (24 h, 7 d, 30 d) ending at <c>now</c>, from the platform's own checks
/// (hourly rollups for whole hours when they are on, raw checks for the rest).
/// </summary>
public interface IUptimeReader
{
    /// <summary>One contract's uptime.</summary>
    Task<UptimeFigures> ForContractAsync(ContractId contractId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>An offering's uptime: the sum over its contracts.</summary>
    Task<UptimeFigures> ForOfferingAsync(Guid offeringId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A provider's uptime: the sum over its contracts.</summary>
    Task<UptimeFigures> ForProviderAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken);
}
