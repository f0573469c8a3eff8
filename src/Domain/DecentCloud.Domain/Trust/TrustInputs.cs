namespace DecentCloud.Domain.Trust;

/// <summary>A change of a provider's reputation (e.g. an operator's or a dispute's verdict).</summary>
/// <param name="At">When it happened.</param>
/// <param name="Points">The change; negative when the reputation fell.</param>
public sealed record ReputationChange(DateTimeOffset At, decimal Points);

/// <summary>Everything the trust score reads about one provider.</summary>
/// <param name="Contracts">Every contract of the provider, from every source (live and archived).</param>
/// <param name="Now">The time the score is computed for.</param>
/// <param name="HasPublicContact">Whether the provider's profile shows a public email, website or Telegram handle.</param>
/// <param name="LastActivityAt">The provider's last sign of life (an agent heartbeat, an answer to a request), if any.</param>
/// <param name="ReputationChanges">The provider's reputation changes (older ones are ignored by the calculator).</param>
public sealed record TrustInputs(
    IReadOnlyList<ContractOutcome> Contracts,
    DateTimeOffset Now,
    bool HasPublicContact,
    DateTimeOffset? LastActivityAt,
    IReadOnlyList<ReputationChange> ReputationChanges);

/// <summary>A provider's trust score.</summary>
/// <param name="Score">0-100, or <c>null</c> while there is not enough data.</param>
/// <param name="Tier">The display tier of <paramref name="Score"/>, or <c>null</c> without a score.</param>
/// <param name="Factors">Every penalty and bonus that applied, each with its reason and severity.</param>
public sealed record TrustScore(int? Score, TrustTier? Tier, IReadOnlyList<TrustFactor> Factors)
{
    /// <summary>Whether the provider has no completed contract yet, so no score.</summary>
    public bool NotEnoughData => Score is null;
}
