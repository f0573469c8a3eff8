using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Trust;

/// <summary>One kind of signal shown beside a provider's score (benchmarks, price against the market, SLI gaps).</summary>
public interface ITrustSignalSource
{
    /// <summary>The signals about <paramref name="providerId"/> and its offerings as of <paramref name="now"/>.</summary>
    Task<IReadOnlyList<TrustSignal>> ReadAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken);
}
