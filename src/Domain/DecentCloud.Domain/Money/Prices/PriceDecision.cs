namespace DecentCloud.Domain.Money.Prices;

/// <summary>The outcome of one aggregation: the chosen price (or none without a fresh quorum) and every quote's verdict.</summary>
/// <param name="Chosen">The new price, or <c>null</c> when no fresh quorum agreed.</param>
/// <param name="Verdicts">One verdict per quote of the token.</param>
public sealed record PriceDecision(ChosenPrice? Chosen, IReadOnlyList<QuoteVerdict> Verdicts);
