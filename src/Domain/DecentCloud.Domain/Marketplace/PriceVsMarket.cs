namespace DecentCloud.Domain.Marketplace;

/// <summary>
/// An offering's monthly price against the average monthly price of comparable offerings: those of the same
/// <see cref="MarketClass"/> from other providers that are not retired. The provider's own other offerings do not
/// count, so no provider sets its own market.
/// </summary>
/// <param name="OfferingId">The offering compared.</param>
/// <param name="Class">Its market class.</param>
/// <param name="MonthlyPriceNanoUsd">Its monthly price.</param>
/// <param name="Comparables">How many offerings the average is over (0: no market to compare with).</param>
/// <param name="MarketAverageNanoUsd">Their average monthly price, or <c>null</c> without one.</param>
/// <param name="Percent">How far above (positive) or below (negative) the average the price is, in percent rounded to 0.1, or <c>null</c> without comparables.</param>
public sealed record PriceVsMarket(Guid OfferingId, MarketClass Class, long MonthlyPriceNanoUsd, int Comparables, long? MarketAverageNanoUsd, decimal? Percent)
{
    /// <summary>Beyond this distance from the average (either way, in percent) the price is worth a warning.</summary>
    public const decimal WarningPercent = 50m;

    /// <summary>Whether the price is more than <see cref="WarningPercent"/> away from the market's.</summary>
    public bool IsFarOff => Percent is { } p && Math.Abs(p) > WarningPercent;

    /// <summary>Compares <paramref name="offering"/> with <paramref name="candidates"/> (any offerings; the non-comparable ones are ignored).</summary>
    public static PriceVsMarket Compare(Offering offering, IEnumerable<Offering> candidates)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(candidates);
        var marketClass = MarketClass.Of(offering);
        var prices = candidates
            .Where(o => o.Id != offering.Id && o.ProviderId != offering.ProviderId && o.State != OfferingState.Retired && MarketClass.Of(o) == marketClass)
            .Select(o => (decimal)o.MonthlyPrice.NanoUsd)
            .ToList();
        var price = offering.MonthlyPrice.NanoUsd;
        if (prices.Count == 0)
        {
            return new PriceVsMarket(offering.Id, marketClass, price, 0, null, null);
        }

        var average = prices.Sum() / prices.Count;
        var percent = Math.Round((price - average) * 100m / average, 1, MidpointRounding.AwayFromZero);
        return new PriceVsMarket(offering.Id, marketClass, price, prices.Count, (long)Math.Round(average, MidpointRounding.AwayFromZero), percent);
    }
}
