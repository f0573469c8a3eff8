using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Signals;

/// <summary>An offering's monthly price against the market (<c>GET /api/v1/offerings/{id}/price-vs-market</c>, public).</summary>
/// <param name="OfferingId">The offering's id as text.</param>
public sealed record GetPriceVsMarket(string? OfferingId) : IQuery<Result<PriceVsMarket>>;

/// <summary>Handles <see cref="GetPriceVsMarket"/>.</summary>
internal sealed class GetPriceVsMarketHandler(IOfferingStore offerings, IMarketOfferingReader market) : IQueryHandler<GetPriceVsMarket, Result<PriceVsMarket>>
{
    /// <summary>Most offerings of one size class read to form the average.</summary>
    public const int MarketSample = 5000;

    /// <inheritdoc />
    public async ValueTask<Result<PriceVsMarket>> Handle(GetPriceVsMarket query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var offering = await OfferingLookup.FindAsync(offerings, query.OfferingId, cancellationToken);
        if (offering.IsFailed)
        {
            return offering.ToResult<PriceVsMarket>();
        }

        var candidates = await market.ListSameSizeAsync(MarketClass.Of(offering.Value), MarketSample, cancellationToken);
        return PriceVsMarket.Compare(offering.Value, candidates);
    }
}
