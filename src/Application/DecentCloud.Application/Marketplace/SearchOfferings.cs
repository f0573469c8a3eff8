using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Marketplace;

/// <summary>
/// The public offering search (<c>GET /api/v1/offerings</c>, no signature): active offerings with free stock that
/// match the filters, one page at a time.
/// </summary>
/// <param name="MinCores">Cores at least.</param>
/// <param name="MinMemoryMb">Memory in MiB at least.</param>
/// <param name="MinStorageGb">Storage in GiB at least.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country.</param>
/// <param name="MaxPriceUsd">Monthly price at most, decimal USD text.</param>
/// <param name="Backend">Backend wire name.</param>
/// <param name="Sort"><c>price</c> (default), <c>-price</c>, <c>newest</c>, <c>trust</c> or <c>reliability</c>.</param>
/// <param name="Offset">Rows skipped (0-10000).</param>
/// <param name="Limit">Rows returned (1-100, default 20).</param>
public sealed record SearchOfferings(
    int? MinCores, int? MinMemoryMb, int? MinStorageGb, string? Country, string? MaxPriceUsd, string? Backend,
    string? Sort, int? Offset, int? Limit) : IQuery<Result<OfferingPage>>;

/// <summary>One page of search results and the offset of the next page, or <c>null</c> on the last page.</summary>
/// <param name="Items">The offerings of this page.</param>
/// <param name="NextOffset">Where the next page starts, or <c>null</c>.</param>
public sealed record OfferingPage(IReadOnlyList<Offering> Items, int? NextOffset);

/// <summary>Handles <see cref="SearchOfferings"/>.</summary>
internal sealed class SearchOfferingsHandler(IOfferingStore offerings) : IQueryHandler<SearchOfferings, Result<OfferingPage>>
{
    /// <inheritdoc />
    public async ValueTask<Result<OfferingPage>> Handle(SearchOfferings query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var criteria = OfferingQuery.Create(query.MinCores, query.MinMemoryMb, query.MinStorageGb, query.Country, query.MaxPriceUsd,
            query.Backend, query.Sort, query.Offset, query.Limit);
        if (criteria.IsFailed)
        {
            return criteria.ToResult<OfferingPage>();
        }

        var rows = await offerings.SearchAsync(criteria.Value, cancellationToken);
        var more = rows.Count > criteria.Value.Limit;
        return new OfferingPage(more ? rows.Take(criteria.Value.Limit).ToList() : rows, more ? criteria.Value.Offset + criteria.Value.Limit : null);
    }
}
