using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Trust;

/// <summary>A provider's trust and reliability scores as computed at one time.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="Trust">The trust score with its factors.</param>
/// <param name="Reliability">The reliability score with its factors.</param>
/// <param name="ComputedAt">When they were computed.</param>
public sealed record ProviderScores(ProviderId ProviderId, TrustScore Trust, ReliabilityScore Reliability, DateTimeOffset ComputedAt);
