using DecentCloud.Domain.Marketplace;

namespace DecentCloud.Application.Signals;

/// <summary>Reads the offerings a price is compared with.</summary>
public interface IMarketOfferingReader
{
    /// <summary>
    /// The offerings that are not retired whose vCPU, memory and disk fall in <paramref name="marketClass"/>'s ranges
    /// (any region, any provider: <see cref="PriceVsMarket.Compare"/> narrows them), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<Offering>> ListSameSizeAsync(MarketClass marketClass, int limit, CancellationToken cancellationToken);
}
