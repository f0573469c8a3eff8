namespace DecentCloud.Domain.Money.Prices;

/// <summary>
/// The pure price rule (payments spec, "Token price from exchanges"): the median of fresh quotes, one per source (its
/// newest), from at least the quorum of sources; quotes beyond the spread from that median are dropped, the median is
/// recomputed over the rest and the quorum checked again. No quorum → no new price (the caller keeps the last good
/// one, stale): a price is never made up.
/// </summary>
public static class PriceAggregation
{
    /// <summary>Chooses <paramref name="token"/>'s price from <paramref name="quotes"/> at <paramref name="now"/> under <paramref name="policy"/>.</summary>
    public static PriceDecision Choose(string token, IEnumerable<PriceQuote> quotes, PricePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(policy);
        var verdicts = new Dictionary<PriceQuote, string?>(ReferenceEqualityComparer.Instance);
        var fresh = new List<PriceQuote>();
        foreach (var group in quotes.Where(q => q.Token == token).GroupBy(q => q.Source, StringComparer.Ordinal))
        {
            // A quote from the future (clock skew) is as fresh as one taken now; ties break on price so order never matters.
            var ordered = group.OrderByDescending(q => q.ObservedAt).ThenBy(q => q.PriceUsd).ToList();
            var newest = ordered.FirstOrDefault(q => now - q.ObservedAt <= policy.MaxAge);
            foreach (var quote in ordered)
            {
                verdicts[quote] = ReferenceEquals(quote, newest) ? null
                    : now - quote.ObservedAt > policy.MaxAge ? QuoteVerdict.Stale : QuoteVerdict.Superseded;
            }

            if (newest is not null)
            {
                fresh.Add(newest);
            }
        }

        ChosenPrice? chosen = null;
        if (fresh.Count >= policy.Quorum)
        {
            var median = Median(fresh.Select(q => q.PriceUsd));
            var kept = fresh.Where(q => WithinSpread(q.PriceUsd, median, policy.MaxSpreadPercent)).ToList();
            foreach (var outlier in fresh.Except(kept))
            {
                verdicts[outlier] = QuoteVerdict.Outlier;
            }

            if (kept.Count >= policy.Quorum)
            {
                chosen = new ChosenPrice(token, Median(kept.Select(q => q.PriceUsd)), now, kept.Count);
            }
        }

        return new PriceDecision(
            chosen,
            [.. verdicts.Select(v => chosen is null && v.Value is null
                ? new QuoteVerdict(v.Key, false, QuoteVerdict.NoQuorum)
                : new QuoteVerdict(v.Key, v.Value is null, v.Value))]);
    }

    /// <summary>The median of <paramref name="prices"/> (the mean of the two middle values for an even count).</summary>
    public static decimal Median(IEnumerable<decimal> prices)
    {
        var sorted = prices.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("the median of no prices is undefined.", nameof(prices));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    private static bool WithinSpread(decimal price, decimal median, decimal maxSpreadPercent) =>
        Math.Abs(price - median) * 100m <= median * maxSpreadPercent;
}
