using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Quality;

namespace DecentCloud.Application.Quality;

/// <summary>The measured SLA days of a provider's contracts: the input of the reliability score's SLA penalty.</summary>
public interface ISlaDayReader
{
    /// <summary>Every (contract, UTC day) of <paramref name="providerId"/> with checks from <paramref name="since"/> on.</summary>
    Task<IReadOnlyList<SlaDay>> ReadAsync(ProviderId providerId, DateOnly since, CancellationToken cancellationToken);
}
