using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Marketplace;

namespace DecentCloud.Domain.Tests;

/// <summary>Market classes (size and region) and an offering's price against the average of comparable offerings.</summary>
public class PriceVsMarketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Offering Offer(string provider, string price, int cores = 2, int memoryMb = 4096, int storageGb = 80, string country = "DE")
    {
        var spec = OfferingSpec.Create(new OfferingFields("o", cores, memoryMb, storageGb, "r1", country, "pool-a", "proxmox", price, 9990, 3600, 86400, 5)).Value;
        return Offering.Publish(Guid.NewGuid(), ProviderId.Create(provider).Value, spec, T0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(64, 64)]
    [InlineData(65, 128)]
    [InlineData(512, 128)]
    public void Cpu_classes_are_powers_of_two(int cores, int expected) => Assert.Equal(expected, MarketClass.Of(cores, 1024, 10, "DE").CpuClass);

    [Theory]
    [InlineData(128, 1)]
    [InlineData(1024, 1)]
    [InlineData(1025, 2)]
    [InlineData(2048, 2)]
    [InlineData(3072, 4)]
    [InlineData(262_144, 256)]
    [InlineData(262_145, 512)]
    public void Memory_classes_are_powers_of_two_gib(int memoryMb, int expected) => Assert.Equal(expected, MarketClass.Of(1, memoryMb, 10, "DE").MemoryClassGib);

    [Theory]
    [InlineData(1, 25)]
    [InlineData(25, 25)]
    [InlineData(26, 50)]
    [InlineData(100, 100)]
    [InlineData(101, 200)]
    [InlineData(1600, 1600)]
    [InlineData(1601, 3200)]
    public void Disk_classes_double_from_25_gib(int storageGb, int expected) => Assert.Equal(expected, MarketClass.Of(1, 1024, storageGb, "DE").StorageClassGb);

    [Theory]
    [InlineData("DE", "europe")]
    [InlineData("GB", "europe")]
    [InlineData("US", "north_america")]
    [InlineData("BR", "latin_america")]
    [InlineData("SG", "asia")]
    [InlineData("AU", "oceania")]
    [InlineData("AE", "middle_east")]
    [InlineData("ZA", "africa")]
    [InlineData("AQ", "other")]
    [InlineData("de", "europe")]
    public void Region_classes_group_countries(string country, string expected) => Assert.Equal(expected, MarketClass.RegionClassOf(country));

    [Fact]
    public void Every_size_falls_in_the_ranges_of_its_own_class()
    {
        foreach (var cores in new[] { 1, 2, 3, 4, 5, 8, 9, 63, 64, 65, 512 })
        {
            var (min, max) = MarketClass.Of(cores, 1024, 10, "DE").CoresRange;
            Assert.InRange(cores, min, max);
            Assert.Equal(MarketClass.Of(min, 1024, 10, "DE").CpuClass, MarketClass.Of(cores, 1024, 10, "DE").CpuClass);
        }

        foreach (var mb in new[] { 128, 1024, 1025, 2048, 2049, 262_144, 262_145, 4_194_304 })
        {
            var (min, max) = MarketClass.Of(1, mb, 10, "DE").MemoryMbRange;
            Assert.InRange(mb, min, max);
            Assert.Equal(MarketClass.Of(1, Math.Max(min, 1), 10, "DE").MemoryClassGib, MarketClass.Of(1, mb, 10, "DE").MemoryClassGib);
            Assert.NotEqual(MarketClass.Of(1, max, 10, "DE").MemoryClassGib, max == int.MaxValue ? 0 : MarketClass.Of(1, max + 1, 10, "DE").MemoryClassGib);
        }

        foreach (var gb in new[] { 1, 25, 26, 50, 51, 1600, 1601, 1_048_576 })
        {
            var (min, max) = MarketClass.Of(1, 1024, gb, "DE").StorageGbRange;
            Assert.InRange(gb, min, max);
            Assert.Equal(MarketClass.Of(1, 1024, min, "DE").StorageClassGb, MarketClass.Of(1, 1024, gb, "DE").StorageClassGb);
        }
    }

    [Fact]
    public void Percent_is_against_the_average_of_comparable_offerings()
    {
        var mine = Offer("prov-a", "15");
        var market = new[] { Offer("prov-b", "10"), Offer("prov-c", "10"), Offer("prov-d", "10") };
        var result = PriceVsMarket.Compare(mine, market);
        Assert.Equal(3, result.Comparables);
        Assert.Equal(10_000_000_000, result.MarketAverageNanoUsd);
        Assert.Equal(50.0m, result.Percent);
        Assert.False(result.IsFarOff); // exactly 50 % is not beyond the threshold
        Assert.Equal(new MarketClass(2, 4, 100, "europe"), result.Class);
    }

    [Theory]
    [InlineData("15.01", 50.1, true)]
    [InlineData("15", 50.0, false)]
    [InlineData("5", -50.0, false)]
    [InlineData("4.99", -50.1, true)]
    [InlineData("10", 0.0, false)]
    public void Far_off_is_beyond_fifty_percent_either_way(string price, double percent, bool farOff)
    {
        var result = PriceVsMarket.Compare(Offer("prov-a", price), [Offer("prov-b", "8"), Offer("prov-c", "12")]);
        Assert.Equal((decimal)percent, result.Percent);
        Assert.Equal(farOff, result.IsFarOff);
    }

    [Fact]
    public void Other_classes_the_same_provider_and_retired_offerings_are_not_the_market()
    {
        var mine = Offer("prov-a", "20");
        var retired = Offer("prov-e", "1");
        retired.Retire(T0);
        var candidates = new[]
        {
            mine,
            Offer("prov-a", "1"),                        // the provider's own
            retired,
            Offer("prov-b", "1", cores: 3),              // 4-vCPU class
            Offer("prov-b", "1", memoryMb: 8192),        // 8 GiB class
            Offer("prov-b", "1", storageGb: 101),        // 200 GiB class
            Offer("prov-b", "1", country: "US"),         // another region class
            Offer("prov-c", "10", country: "FR"),        // comparable: same classes, same region class
        };
        var result = PriceVsMarket.Compare(mine, candidates);
        Assert.Equal(1, result.Comparables);
        Assert.Equal(100.0m, result.Percent);
        Assert.True(result.IsFarOff);
    }

    [Fact]
    public void Without_comparables_there_is_no_percent()
    {
        var result = PriceVsMarket.Compare(Offer("prov-a", "10"), [Offer("prov-a", "5"), Offer("prov-b", "5", cores: 8)]);
        Assert.Equal(0, result.Comparables);
        Assert.Null(result.MarketAverageNanoUsd);
        Assert.Null(result.Percent);
        Assert.False(result.IsFarOff);
    }
}
