using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Trust;

/// <summary>What the trust score reads about a provider besides its contracts.</summary>
/// <param name="HasPublicContact">Whether its profile shows a public email, website or Telegram handle.</param>
/// <param name="LastActivityAt">Its last sign of life (agent heartbeat, an answer to a request), if any.</param>
/// <param name="ReputationChanges">Its reputation changes.</param>
public sealed record ProviderTrustFacts(bool HasPublicContact, DateTimeOffset? LastActivityAt, IReadOnlyList<ReputationChange> ReputationChanges);

/// <summary>Reads <see cref="ProviderTrustFacts"/>.</summary>
public interface IProviderTrustFactsReader
{
    /// <summary>The facts about <paramref name="providerId"/>.</summary>
    Task<ProviderTrustFacts> ReadAsync(ProviderId providerId, CancellationToken cancellationToken);
}
