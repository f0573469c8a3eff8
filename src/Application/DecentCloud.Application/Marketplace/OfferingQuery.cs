using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using FluentResults;

namespace DecentCloud.Application.Marketplace;

/// <summary>The order of search results; ties are broken by offering id so pages never overlap.</summary>
public enum OfferingSort
{
    /// <summary><c>price</c>: cheapest first.</summary>
    PriceAscending,
    /// <summary><c>-price</c>: dearest first.</summary>
    PriceDescending,
    /// <summary><c>newest</c>: most recently published first.</summary>
    Newest,
    /// <summary><c>trust</c>: the provider's stored trust score, best first (providers without a score last).</summary>
    TrustDescending,
    /// <summary><c>reliability</c>: the provider's stored reliability score, best first (providers without a score last).</summary>
    ReliabilityDescending,
}

/// <summary>
/// Validated search criteria: resources at least, country, monthly price at most, backend; sort; and an offset page
/// (<see cref="Offset"/> rows skipped, at most <see cref="Limit"/> returned).
/// </summary>
public sealed record OfferingQuery
{
    /// <summary>Largest page.</summary>
    public const int MaxLimit = 100;

    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultLimit = 20;

    /// <summary>Deepest offset accepted, so a client cannot make the database skip without end.</summary>
    public const int MaxOffset = 10_000;

    /// <summary>Cores at least, or <c>null</c>.</summary>
    public int? MinCores { get; private init; }

    /// <summary>Memory in MiB at least, or <c>null</c>.</summary>
    public int? MinMemoryMb { get; private init; }

    /// <summary>Storage in GiB at least, or <c>null</c>.</summary>
    public int? MinStorageGb { get; private init; }

    /// <summary>This country only, or <c>null</c>.</summary>
    public string? Country { get; private init; }

    /// <summary>Monthly price at most, or <c>null</c>.</summary>
    public UsdAmount? MaxMonthlyPrice { get; private init; }

    /// <summary>This backend only, or <c>null</c>.</summary>
    public BackendType? Backend { get; private init; }

    /// <summary>The order.</summary>
    public OfferingSort Sort { get; private init; }

    /// <summary>Rows skipped.</summary>
    public int Offset { get; private init; }

    /// <summary>Rows returned at most.</summary>
    public int Limit { get; private init; }

    /// <summary>Validates the criteria as sent; every bad one is reported.</summary>
    public static Result<OfferingQuery> Create(
        int? minCores, int? minMemoryMb, int? minStorageGb, string? country, string? maxPriceUsd, string? backend,
        string? sort, int? offset, int? limit)
    {
        var errors = new List<IError>();
        Check(errors, minCores is null or >= 0, "invalid_min_cores", "minCores must not be negative.");
        Check(errors, minMemoryMb is null or >= 0, "invalid_min_memory", "minMemoryMb must not be negative.");
        Check(errors, minStorageGb is null or >= 0, "invalid_min_storage", "minStorageGb must not be negative.");
        Check(errors, country is null || (country.Length == 2 && country.All(char.IsAsciiLetterUpper)), "invalid_country",
            "country must be an ISO 3166-1 alpha-2 code such as DE.");
        var price = maxPriceUsd is null ? null : UsdAmount.Parse(maxPriceUsd);
        Check(errors, price is null || price.IsSuccess, "invalid_max_price", "maxPriceUsd must be decimal USD text such as 20 or 12.50.");
        var backendType = backend is null ? null : BackendTypes.FromWireName(backend);
        Check(errors, backend is null || backendType is not null, "invalid_backend", "backend must be one of hetzner, digitalocean, vultr, proxmox, docker.");
        OfferingSort? order = sort switch
        {
            null or "price" => OfferingSort.PriceAscending,
            "-price" => OfferingSort.PriceDescending,
            "newest" => OfferingSort.Newest,
            "trust" => OfferingSort.TrustDescending,
            "reliability" => OfferingSort.ReliabilityDescending,
            _ => null,
        };
        Check(errors, order is not null, "invalid_sort", "sort must be price, -price, newest, trust or reliability.");
        Check(errors, offset is null or (>= 0 and <= MaxOffset), "invalid_offset", $"offset must be 0-{MaxOffset}.");
        Check(errors, limit is null or (>= 1 and <= MaxLimit), "invalid_limit", $"limit must be 1-{MaxLimit}.");
        if (errors.Count > 0)
        {
            return Result.Fail<OfferingQuery>(errors);
        }

        return new OfferingQuery
        {
            MinCores = minCores,
            MinMemoryMb = minMemoryMb,
            MinStorageGb = minStorageGb,
            Country = country,
            MaxMonthlyPrice = price?.Value,
            Backend = backendType,
            Sort = order!.Value,
            Offset = offset ?? 0,
            Limit = limit ?? DefaultLimit,
        };
    }

    private static void Check(List<IError> errors, bool ok, string code, string message)
    {
        if (!ok)
        {
            errors.Add(DomainError.Invalid(code, message));
        }
    }
}
