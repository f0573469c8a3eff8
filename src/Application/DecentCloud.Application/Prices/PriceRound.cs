using DecentCloud.Domain.Money.Prices;

namespace DecentCloud.Application.Prices;

/// <summary>One refresh of one token: every source's attempt and the price chosen from them, if a fresh quorum agreed.</summary>
/// <param name="Token">The token symbol.</param>
/// <param name="At">When the round ran.</param>
/// <param name="Attempts">Every configured source's attempt.</param>
/// <param name="Chosen">The chosen price, or <c>null</c> (the last good price stays, ageing).</param>
public sealed record PriceRound(string Token, DateTimeOffset At, IReadOnlyList<SourceAttempt> Attempts, ChosenPrice? Chosen);
