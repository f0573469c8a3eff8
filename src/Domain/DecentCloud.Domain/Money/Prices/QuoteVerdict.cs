namespace DecentCloud.Domain.Money.Prices;

/// <summary>What the aggregation did with one quote: used for the median, or left out with a reason.</summary>
/// <param name="Quote">The quote.</param>
/// <param name="Used">Whether the chosen price's median includes it.</param>
/// <param name="Reason">Why it was left out (<see cref="QuoteVerdict.Stale"/>, <see cref="QuoteVerdict.Superseded"/>, <see cref="QuoteVerdict.Outlier"/>, <see cref="QuoteVerdict.NoQuorum"/>); <c>null</c> when used.</param>
public sealed record QuoteVerdict(PriceQuote Quote, bool Used, string? Reason)
{
    /// <summary>Older than the policy's max age.</summary>
    public const string Stale = "stale";

    /// <summary>The same source has a newer fresh quote.</summary>
    public const string Superseded = "superseded";

    /// <summary>Beyond the policy's spread from the median.</summary>
    public const string Outlier = "outlier";

    /// <summary>Fresh and within the spread, but too few sources agreed to choose a price.</summary>
    public const string NoQuorum = "no_quorum";
}
