using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using FluentResults;

namespace DecentCloud.Domain.Marketplace;

/// <summary>
/// A provider's listed machine: what it is, where it runs, its monthly price and how many may run at once.
/// States: <c>active</c> ⇄ <c>paused</c> → <c>retired</c> (final). <see cref="Reserved"/> counts the contracts holding
/// a unit of stock; the store changes it atomically in the database, never through this object.
/// </summary>
public sealed class Offering : AggregateRoot
{
    // Kept as the integer the database compares and sorts on; the mapper reads and writes this field.
    private long _monthlyPriceNanoUsd;

    private Offering(Guid id, ProviderId providerId, OfferingSpec spec, DateTimeOffset now)
    {
        Id = id;
        ProviderId = providerId;
        CreatedAt = now;
        Apply(spec, now);
    }

    /// <summary>The offering's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The provider that sells it.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>Public name.</summary>
    public string Name { get; private set; }

    /// <summary>vCPUs.</summary>
    public int Cores { get; private set; }

    /// <summary>Memory in MiB.</summary>
    public int MemoryMb { get; private set; }

    /// <summary>Disk in GiB.</summary>
    public int StorageGb { get; private set; }

    /// <summary>Region label.</summary>
    public string Region { get; private set; }

    /// <summary>ISO 3166-1 alpha-2 country.</summary>
    public string Country { get; private set; }

    /// <summary>The provider's agent pool that provisions rentals.</summary>
    public string PoolName { get; private set; }

    /// <summary>What runs the machines.</summary>
    public BackendType Backend { get; private set; }

    /// <summary>Price of 30 days.</summary>
    public UsdAmount MonthlyPrice => UsdAmount.FromNanoUsd(_monthlyPriceNanoUsd).Value;

    /// <summary>SLA target in basis points of a percent (9990 = 99.90 %).</summary>
    public int SlaTargetBasisPoints { get; private set; }

    /// <summary>Shortest rental, in seconds.</summary>
    public long MinDurationSeconds { get; private set; }

    /// <summary>Longest rental, in seconds.</summary>
    public long MaxDurationSeconds { get; private set; }

    /// <summary>Most contracts running at once.</summary>
    public int Stock { get; private set; }

    /// <summary>Contracts holding a unit of stock now.</summary>
    public int Reserved { get; private set; }

    /// <summary>Where the offering is in its life.</summary>
    public OfferingState State { get; private set; }

    /// <summary>When it was published.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it last changed (edit or state).</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Whether a new rental could take a unit now.</summary>
    public bool IsRentable => State == OfferingState.Active && Reserved < Stock;

    /// <summary>Publishes an offering, active at once.</summary>
    public static Offering Publish(Guid id, ProviderId providerId, OfferingSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        ArgumentNullException.ThrowIfNull(spec);
        return new Offering(id, providerId, spec, now);
    }

    /// <summary>
    /// Replaces the offering's fields. A retired offering cannot change. While contracts hold stock, what those
    /// machines are (cores, memory, storage, backend, pool, region, country) stays fixed, and stock may not drop
    /// below <see cref="Reserved"/>; name, price (new rentals only), SLA target, durations and stock may change.
    /// </summary>
    public Result Edit(OfferingSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (State == OfferingState.Retired)
        {
            return Result.Fail(Retired());
        }

        if (Reserved > 0)
        {
            var fixedFields = FixedFieldsChangedBy(spec);
            if (fixedFields.Count > 0)
            {
                return Result.Fail(DomainErrors.Conflict("offering_in_use",
                    $"{string.Join(", ", fixedFields)} cannot change while {Reserved} contract(s) hold this offering."));
            }

            if (spec.Stock < Reserved)
            {
                return Result.Fail(DomainErrors.Conflict("stock_below_reserved", $"stock cannot drop below the {Reserved} unit(s) in use."));
            }
        }

        Apply(spec, now);
        return Result.Ok();
    }

    /// <summary>Hides an active offering from search and new rentals.</summary>
    public Result Pause(DateTimeOffset now) => Move(OfferingState.Active, OfferingState.Paused, now);

    /// <summary>Lists a paused offering again.</summary>
    public Result Resume(DateTimeOffset now) => Move(OfferingState.Paused, OfferingState.Active, now);

    /// <summary>Ends the offering for good; contracts already holding stock continue.</summary>
    public Result Retire(DateTimeOffset now)
    {
        if (State == OfferingState.Retired)
        {
            return Result.Fail(Retired());
        }

        State = OfferingState.Retired;
        UpdatedAt = now;
        return Result.Ok();
    }

    private Result Move(OfferingState from, OfferingState to, DateTimeOffset now)
    {
        if (State == OfferingState.Retired)
        {
            return Result.Fail(Retired());
        }

        if (State != from)
        {
            return Result.Fail(DomainErrors.Conflict("invalid_offering_state", $"the offering is {State.ToWireName()}, not {from.ToWireName()}."));
        }

        State = to;
        UpdatedAt = now;
        return Result.Ok();
    }

    private List<string> FixedFieldsChangedBy(OfferingSpec spec)
    {
        var changed = new List<string>();
        if (spec.Cores != Cores) changed.Add("cores");
        if (spec.MemoryMb != MemoryMb) changed.Add("memoryMb");
        if (spec.StorageGb != StorageGb) changed.Add("storageGb");
        if (spec.Backend != Backend) changed.Add("backend");
        if (spec.PoolName != PoolName) changed.Add("pool");
        if (spec.Region != Region) changed.Add("region");
        if (spec.Country != Country) changed.Add("country");
        return changed;
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Name), nameof(Region), nameof(Country), nameof(PoolName))]
    private void Apply(OfferingSpec spec, DateTimeOffset now)
    {
        Name = spec.Name;
        Cores = spec.Cores;
        MemoryMb = spec.MemoryMb;
        StorageGb = spec.StorageGb;
        Region = spec.Region;
        Country = spec.Country;
        PoolName = spec.PoolName;
        Backend = spec.Backend;
        _monthlyPriceNanoUsd = spec.MonthlyPrice.NanoUsd;
        SlaTargetBasisPoints = spec.SlaTargetBasisPoints;
        MinDurationSeconds = spec.MinDurationSeconds;
        MaxDurationSeconds = spec.MaxDurationSeconds;
        Stock = spec.Stock;
        UpdatedAt = now;
    }

    private static DomainError Retired() => DomainErrors.Conflict("offering_retired", "the offering is retired; nothing about it can change.");

#pragma warning disable CS8618 // for the persistence mapper
    private Offering()
    {
    }
#pragma warning restore CS8618
}
