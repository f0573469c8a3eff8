namespace DecentCloud.Api.Client;

/// <summary><c>POST /api/v1/contracts/{id}/feedback</c>: the renter's one answer about an ended contract.</summary>
/// <param name="MatchedDescription">Whether the service matched its description.</param>
/// <param name="WouldRentAgain">Whether the renter would rent from the provider again.</param>
public sealed record ContractFeedbackRequest(bool? MatchedDescription, bool? WouldRentAgain);

/// <summary>A feedback as stored.</summary>
/// <param name="ContractId">The contract (hex id).</param>
/// <param name="MatchedDescription">Whether the service matched its description.</param>
/// <param name="WouldRentAgain">Whether the renter would rent again.</param>
/// <param name="GivenAt">When it was given.</param>
public sealed record ContractFeedbackDetails(string ContractId, bool MatchedDescription, bool WouldRentAgain, DateTimeOffset GivenAt);

/// <summary>One reason a score is what it is.</summary>
/// <param name="Code">Stable code, e.g. <c>early_cancellations</c>.</param>
/// <param name="Reason">Human explanation with the measured figure.</param>
/// <param name="Severity"><c>critical</c>, <c>warning</c>, <c>bonus</c> or <c>info</c>.</param>
/// <param name="Points">What it adds to the score (negative for a penalty).</param>
public sealed record ScoreFactor(string Code, string Reason, string Severity, decimal Points);

/// <summary>A fact shown beside the score (benchmark, price against the market, SLI gap, ...).</summary>
/// <param name="Kind">Kind of signal.</param>
/// <param name="Subject">Offering id or provider id.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Value">The value, if any.</param>
/// <param name="Unit">The value's unit.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="ObservedAt">When it was observed.</param>
/// <param name="Flag"><c>none</c>, <c>warning</c> or <c>red_flag</c>.</param>
/// <param name="Note">A short explanation, if any.</param>
public sealed record TrustSignalDetails(string Kind, string Subject, string Metric, decimal? Value, string Unit, string Source, DateTimeOffset ObservedAt, string Flag, string? Note);

/// <summary><c>GET /api/v1/providers/{id}/trust</c>: a provider's scores, every factor, and the signals beside them.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="TrustScore">0-100, or <c>null</c> with <paramref name="NotEnoughData"/>.</param>
/// <param name="Tier"><c>reliable</c> (80+), <c>caution</c> (60-79), <c>high_risk</c> (below 60), or <c>null</c> without a score.</param>
/// <param name="NotEnoughData">Whether the provider has no completed contract yet.</param>
/// <param name="TrustFactors">Every penalty and bonus of the trust score.</param>
/// <param name="ReliabilityScore">0-100.</param>
/// <param name="SlaPenalty">The SLA penalty within the reliability score (0-45).</param>
/// <param name="ReliabilityFactors">The components and the SLA penalty of the reliability score.</param>
/// <param name="ComputedAt">When the scores were computed.</param>
/// <param name="Signals">Signals from every source.</param>
public sealed record ProviderTrustDetails(
    string ProviderId, int? TrustScore, string? Tier, bool NotEnoughData, IReadOnlyList<ScoreFactor> TrustFactors,
    decimal ReliabilityScore, decimal SlaPenalty, IReadOnlyList<ScoreFactor> ReliabilityFactors, DateTimeOffset ComputedAt,
    IReadOnlyList<TrustSignalDetails> Signals);

/// <summary>One provider on the leaderboard.</summary>
/// <param name="Rank">1-based position.</param>
/// <param name="ProviderId">The provider.</param>
/// <param name="TrustScore">0-100, or <c>null</c> without enough data.</param>
/// <param name="Tier">The display tier, or <c>null</c>.</param>
/// <param name="NotEnoughData">Whether the provider has no completed contract yet.</param>
/// <param name="ReliabilityScore">0-100.</param>
/// <param name="ComputedAt">When the scores were computed.</param>
public sealed record LeaderboardEntry(int Rank, string ProviderId, int? TrustScore, string? Tier, bool NotEnoughData, decimal ReliabilityScore, DateTimeOffset ComputedAt);

/// <summary><c>GET /api/v1/providers/leaderboard</c>: one page, best first.</summary>
/// <param name="Items">The providers of this page.</param>
/// <param name="NextOffset">The <c>offset</c> of the next page, or <c>null</c> on the last one.</param>
public sealed record LeaderboardPage(IReadOnlyList<LeaderboardEntry> Items, int? NextOffset);
