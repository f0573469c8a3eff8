using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;

namespace DecentCloud.Domain.Tests;

/// <summary>An offering: its fields, its states (active ⇄ paused → retired, final) and what may change while it is rented.</summary>
public class OfferingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ProviderId Provider = ProviderId.Create("prov-o").Value;
    private static readonly OfferingFields Good = new("small", 2, 2048, 40, "eu-central", "DE", "pool-o", "proxmox", "12.50", 9990, 3600, 86400 * 90, 3);

    [Fact]
    public void Every_bad_field_is_reported()
    {
        var bad = new OfferingFields("", 0, 64, 0, "eu central", "Deutschland", "Pool O", "kvm", "0", 10_001, 30, 20, 0);
        var codes = OfferingSpec.Create(bad).Errors.Select(e => ((DomainError)e).Code).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["invalid_backend", "invalid_cores", "invalid_country", "invalid_duration_limits", "invalid_memory", "invalid_monthly_price", "invalid_name",
             "invalid_pool", "invalid_region", "invalid_sla_target", "invalid_stock", "invalid_storage"],
            codes);
    }

    [Theory]
    [InlineData("1000000", 9990, 60L, true)]
    [InlineData("1000000.000000001", 9990, 60L, false)]
    [InlineData("0.000000001", 10_000, 60L, true)]
    [InlineData("-1", 9990, 60L, false)]
    [InlineData("12.5", 0, 60L, false)]
    [InlineData("12.5", 9990, 59L, false)]
    public void Price_sla_and_duration_limits(string price, int sla, long minSeconds, bool ok) =>
        Assert.Equal(ok, OfferingSpec.Create(Good with { MonthlyPriceUsd = price, SlaTargetBasisPoints = sla, MinDurationSeconds = minSeconds }).IsSuccess);

    [Fact]
    public void Min_duration_may_not_exceed_max_and_max_is_at_most_10_years()
    {
        Assert.Equal("invalid_duration_limits", OfferingSpec.Create(Good with { MinDurationSeconds = 7200, MaxDurationSeconds = 3600 }).FirstDomainError().Code);
        Assert.True(OfferingSpec.Create(Good with { MaxDurationSeconds = RentalPrice.MaxDurationSeconds }).IsSuccess);
        Assert.False(OfferingSpec.Create(Good with { MaxDurationSeconds = RentalPrice.MaxDurationSeconds + 1 }).IsSuccess);
    }

    [Fact]
    public void Active_and_paused_alternate_and_retired_is_final()
    {
        var offering = Publish();
        Assert.Equal(OfferingState.Active, offering.State);
        Assert.Equal("invalid_offering_state", offering.Resume(T0).FirstDomainError().Code);
        Assert.True(offering.Pause(T0).IsSuccess);
        Assert.False(offering.IsRentable);
        Assert.Equal("invalid_offering_state", offering.Pause(T0).FirstDomainError().Code);
        Assert.True(offering.Resume(T0).IsSuccess);
        Assert.True(offering.IsRentable);
        Assert.True(offering.Retire(T0.AddDays(1)).IsSuccess);
        Assert.Equal(T0.AddDays(1), offering.UpdatedAt);
        foreach (var attempt in new Func<FluentResults.Result>[] { () => offering.Pause(T0), () => offering.Resume(T0), () => offering.Retire(T0), () => offering.Edit(Spec(), T0) })
        {
            Assert.Equal("offering_retired", attempt().FirstDomainError().Code);
        }

        Assert.Equal(OfferingState.Retired, offering.State);
    }

    [Fact]
    public void A_paused_offering_may_be_retired()
    {
        var offering = Publish();
        Assert.True(offering.Pause(T0).IsSuccess);
        Assert.True(offering.Retire(T0).IsSuccess);
    }

    [Fact]
    public void Without_contracts_every_field_may_change()
    {
        var offering = Publish();
        var changed = Spec(Good with { Cores = 8, Backend = "docker", Pool = "pool-p", Region = "us-east", Country = "US", MonthlyPriceUsd = "99", Stock = 1 });
        Assert.True(offering.Edit(changed, T0.AddHours(1)).IsSuccess);
        Assert.Equal((8, BackendType.Docker, "pool-p", "US", "99", 1), (offering.Cores, offering.Backend, offering.PoolName, offering.Country, offering.MonthlyPrice.ToString(), offering.Stock));
    }

    [Fact]
    public void While_contracts_hold_it_the_machine_stays_fixed_and_stock_not_below_reserved()
    {
        var offering = Publish();
        SetReserved(offering, 2);
        var conflict = offering.Edit(Spec(Good with { Cores = 4, Country = "FR" }), T0).FirstDomainError();
        Assert.Equal((ErrorKind.Conflict, "offering_in_use"), (conflict.Kind, conflict.Code));
        Assert.Contains("cores", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("country", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("stock_below_reserved", offering.Edit(Spec(Good with { Stock = 1 }), T0).FirstDomainError().Code);
        Assert.Equal(2048, offering.MemoryMb);

        var allowed = Spec(Good with { Name = "small v2", MonthlyPriceUsd = "15", SlaTargetBasisPoints = 9950, MinDurationSeconds = 60, MaxDurationSeconds = 86400, Stock = 2 });
        Assert.True(offering.Edit(allowed, T0).IsSuccess);
        Assert.Equal(("small v2", "15", 9950, 2), (offering.Name, offering.MonthlyPrice.ToString(), offering.SlaTargetBasisPoints, offering.Stock));
    }

    private static Offering Publish() => Offering.Publish(Guid.NewGuid(), Provider, Spec(), T0);

    private static OfferingSpec Spec(OfferingFields? fields = null) => OfferingSpec.Create(fields ?? Good).Value;

    // Reservations are made by the store in the database, never through the aggregate; the test sets the count the store would load.
    private static void SetReserved(Offering offering, int reserved) =>
        typeof(Offering).GetProperty(nameof(Offering.Reserved))!.SetValue(offering, reserved);
}
