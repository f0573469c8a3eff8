using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Money;
using FluentResults;

namespace DecentCloud.Domain.Marketplace;

/// <summary>
/// What an offering sells, validated: the machine, where it runs, its monthly price and its rental limits.
/// The SLA target is in basis points of a percent (9990 = 99.90 %).
/// </summary>
public sealed record OfferingSpec
{
    /// <summary>Longest offering name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest region text.</summary>
    public const int MaxRegionLength = 64;

    /// <summary>Most units of stock an offering declares.</summary>
    public const int MaxStock = 100_000;

    /// <summary>Shortest rental an offering may allow, in seconds.</summary>
    public const long MinRentalSeconds = 60;

    /// <summary>Highest monthly price: 1 000 000 USD, so no rental price of a valid offering can overflow.</summary>
    public static UsdAmount MaxMonthlyPrice { get; } = UsdAmount.FromWholeUsd(1_000_000).Value;

    private OfferingSpec(OfferingFields f, BackendType backend, UsdAmount monthly)
    {
        Name = f.Name!.Trim();
        Cores = f.Cores;
        MemoryMb = f.MemoryMb;
        StorageGb = f.StorageGb;
        Region = f.Region!;
        Country = f.Country!;
        PoolName = f.Pool!;
        Backend = backend;
        MonthlyPrice = monthly;
        SlaTargetBasisPoints = f.SlaTargetBasisPoints;
        MinDurationSeconds = f.MinDurationSeconds;
        MaxDurationSeconds = f.MaxDurationSeconds;
        Stock = f.Stock;
    }

    /// <summary>Public name, 1-64 characters.</summary>
    public string Name { get; }

    /// <summary>vCPUs (1-512).</summary>
    public int Cores { get; }

    /// <summary>Memory in MiB (128 MiB to 4 TiB).</summary>
    public int MemoryMb { get; }

    /// <summary>Disk in GiB (1 GiB to 1 PiB).</summary>
    public int StorageGb { get; }

    /// <summary>The provider's region label, 1-64 of <c>[A-Za-z0-9._-]</c>.</summary>
    public string Region { get; }

    /// <summary>ISO 3166-1 alpha-2 country the machines run in.</summary>
    public string Country { get; }

    /// <summary>The provider's agent pool that provisions rentals.</summary>
    public string PoolName { get; }

    /// <summary>What runs the machines.</summary>
    public BackendType Backend { get; }

    /// <summary>Price of 30 days, more than zero and at most 1 000 000 USD.</summary>
    public UsdAmount MonthlyPrice { get; }

    /// <summary>Target availability in basis points of a percent, 1-10000 (9990 = 99.90 %).</summary>
    public int SlaTargetBasisPoints { get; }

    /// <summary>Shortest rental, in seconds (at least 60).</summary>
    public long MinDurationSeconds { get; }

    /// <summary>Longest rental, in seconds (at most 10 years).</summary>
    public long MaxDurationSeconds { get; }

    /// <summary>Most contracts running at once (1-100000).</summary>
    public int Stock { get; }

    /// <summary>Validates every field and reports each bad one.</summary>
    public static Result<OfferingSpec> Create(OfferingFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var errors = new List<IError>();
        var name = fields.Name?.Trim();
        errors.Check(name is { Length: > 0 and <= MaxNameLength } && !name.Any(char.IsControl), "invalid_name",
            $"name must be 1-{MaxNameLength} characters without control characters.");
        errors.Check(fields.Cores is > 0 and <= 512, "invalid_cores", "cores must be 1-512.");
        errors.Check(fields.MemoryMb is >= 128 and <= 4_194_304, "invalid_memory", "memoryMb must be 128 MiB to 4 TiB.");
        errors.Check(fields.StorageGb is > 0 and <= 1_048_576, "invalid_storage", "storageGb must be 1 GiB to 1 PiB.");
        errors.Check(fields.Region is { Length: > 0 and <= MaxRegionLength } region && region.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'),
            "invalid_region", $"region must be 1-{MaxRegionLength} characters of [A-Za-z0-9._-].");
        errors.Check(FieldChecks.IsCountryCode(fields.Country), "invalid_country", "country must be an ISO 3166-1 alpha-2 code such as DE.");
        errors.AddRange(AgentPool.ValidateName(fields.Pool).Errors);
        var backend = BackendTypes.FromWireName(fields.Backend);
        errors.Check(backend is not null, "invalid_backend", "backend must be one of hetzner, digitalocean, vultr, proxmox, docker.");
        var monthly = UsdAmount.Parse(fields.MonthlyPriceUsd);
        errors.Check(monthly.IsSuccess && !monthly.Value.IsZero && monthly.Value <= MaxMonthlyPrice, "invalid_monthly_price",
            "monthlyPriceUsd must be decimal USD text above 0 and at most 1000000 (e.g. 12.50).");
        errors.Check(fields.SlaTargetBasisPoints is > 0 and <= 10_000, "invalid_sla_target",
            "slaTargetBasisPoints must be 1-10000 (9990 = 99.90 %).");
        var durationsInRange = fields.MinDurationSeconds is >= MinRentalSeconds and <= RentalPrice.MaxDurationSeconds
            && fields.MaxDurationSeconds is >= MinRentalSeconds and <= RentalPrice.MaxDurationSeconds;
        errors.Check(durationsInRange && fields.MinDurationSeconds <= fields.MaxDurationSeconds, "invalid_duration_limits",
            "minDurationSeconds and maxDurationSeconds must be 60 seconds to 10 years, the minimum not above the maximum.");
        errors.Check(fields.Stock is > 0 and <= MaxStock, "invalid_stock", $"stock must be 1-{MaxStock}.");
        return errors.Count > 0 ? Result.Fail<OfferingSpec>(errors) : new OfferingSpec(fields, backend!.Value, monthly.Value);
    }
}

/// <summary>The fields of an offering as sent; <see cref="OfferingSpec.Create"/> validates them.</summary>
/// <param name="Name">Public name.</param>
/// <param name="Cores">vCPUs.</param>
/// <param name="MemoryMb">Memory in MiB.</param>
/// <param name="StorageGb">Disk in GiB.</param>
/// <param name="Region">Region label.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Pool">The provider's agent pool.</param>
/// <param name="Backend">Backend wire name.</param>
/// <param name="MonthlyPriceUsd">Decimal USD text for 30 days.</param>
/// <param name="SlaTargetBasisPoints">SLA target, 9990 = 99.90 %.</param>
/// <param name="MinDurationSeconds">Shortest rental.</param>
/// <param name="MaxDurationSeconds">Longest rental.</param>
/// <param name="Stock">Most concurrent contracts.</param>
public sealed record OfferingFields(
    string? Name, int Cores, int MemoryMb, int StorageGb, string? Region, string? Country, string? Pool, string? Backend,
    string? MonthlyPriceUsd, int SlaTargetBasisPoints, long MinDurationSeconds, long MaxDurationSeconds, int Stock);
