namespace DecentCloud.Domain.Money.Prices;

/// <summary>A price the aggregation chose: the median of <see cref="SourceCount"/> fresh, agreeing sources at <see cref="ChosenAt"/>.</summary>
/// <param name="Token">The token symbol.</param>
/// <param name="PriceUsd">USD per whole token.</param>
/// <param name="ChosenAt">When it was chosen.</param>
/// <param name="SourceCount">How many sources the median is over.</param>
public sealed record ChosenPrice(string Token, decimal PriceUsd, DateTimeOffset ChosenAt, int SourceCount)
{
    /// <summary>How old the price is at <paramref name="now"/> (never negative).</summary>
    public TimeSpan AgeAt(DateTimeOffset now) => now > ChosenAt ? now - ChosenAt : TimeSpan.Zero;

    /// <summary>Whether the price is older than <paramref name="maxAge"/> at <paramref name="now"/>: a stale price is shown, never used for a conversion that needs a fresh one.</summary>
    public bool IsStaleAt(DateTimeOffset now, TimeSpan maxAge) => AgeAt(now) > maxAge;
}
