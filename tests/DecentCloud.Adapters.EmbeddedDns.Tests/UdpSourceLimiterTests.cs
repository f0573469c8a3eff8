using System.Net;
using DecentCloud.Application.Dns;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Adapters.EmbeddedDns.Tests;

/// <summary>The per-network token bucket and the answer cache, on a fake clock.</summary>
public sealed class UdpSourceLimiterTests
{
    private static SocketAddress From(string ip) => new IPEndPoint(IPAddress.Parse(ip), 5353).Serialize();

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.254", true)]
    [InlineData("192.0.2.1", "192.0.3.1", false)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("::ffff:192.0.2.1", "192.0.2.77", true)]
    public void Sources_are_grouped_by_ipv4_24_and_ipv6_64(string a, string b, bool same) =>
        Assert.Equal(same, UdpSourceLimiter.NetworkOf(From(a)) == UdpSourceLimiter.NetworkOf(From(b)));

    [Fact]
    public void A_network_gets_a_burst_of_twice_the_rate_then_alternating_slips_and_drops_then_refills()
    {
        var clock = new FakeTimeProvider();
        var limiter = new UdpSourceLimiter(5, clock);
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(UdpVerdict.Answer, limiter.Take(From("198.51.100.7"))));
        Assert.Equal(
            [UdpVerdict.Slip, UdpVerdict.Drop, UdpVerdict.Slip, UdpVerdict.Drop],
            Enumerable.Range(0, 4).Select(_ => limiter.Take(From("198.51.100.8"))).ToArray());
        Assert.Equal(UdpVerdict.Answer, limiter.Take(From("198.51.101.8")));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(UdpVerdict.Answer, limiter.Take(From("198.51.100.9"))));
        Assert.NotEqual(UdpVerdict.Answer, limiter.Take(From("198.51.100.9")));
    }

    [Fact]
    public void A_zero_rate_switches_the_limit_off()
    {
        var limiter = new UdpSourceLimiter(0, new FakeTimeProvider());
        Assert.False(limiter.Enabled);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(UdpVerdict.Answer, limiter.Take(From("203.0.113.1"))));
    }

    [Fact]
    public void Cached_answers_expire_after_their_lifetime_and_a_forgotten_name_is_read_again()
    {
        var clock = new FakeTimeProvider();
        var cache = new ZoneAnswerCache(TimeSpan.FromSeconds(1), clock);
        var lookup = new ZoneLookup(ZoneNameStatus.Exists, "decent-cloud.org", ["x"], []);
        cache.Set("A.gw.decent-cloud.org.", lookup, cache.Now());
        Assert.True(cache.TryGet("a.gw.decent-cloud.org", out var hit));
        Assert.Same(lookup, hit);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("a.gw.decent-cloud.org", out _));

        cache.Set("b.gw.decent-cloud.org", lookup, cache.Now());
        cache.Forget("B.gw.decent-cloud.org");
        Assert.False(cache.TryGet("b.gw.decent-cloud.org", out _));
    }

    [Fact]
    public void A_read_racing_a_change_is_not_cached_until_the_change_is_surely_committed()
    {
        var clock = new FakeTimeProvider();
        var cache = new ZoneAnswerCache(TimeSpan.FromSeconds(20), clock);
        var old = new ZoneLookup(ZoneNameStatus.Exists, "decent-cloud.org", ["old"], []);
        cache.Forget("c.gw.decent-cloud.org");
        clock.Advance(TimeSpan.FromMilliseconds(10));
        cache.Set("c.gw.decent-cloud.org", old, cache.Now());
        Assert.False(cache.TryGet("c.gw.decent-cloud.org", out _));

        clock.Advance(ZoneAnswerCache.ChangeGrace);
        cache.Set("c.gw.decent-cloud.org", old, cache.Now());
        Assert.True(cache.TryGet("c.gw.decent-cloud.org", out _));
    }

    [Fact]
    public void The_cache_holds_a_bounded_number_of_names()
    {
        var cache = new ZoneAnswerCache(TimeSpan.FromMinutes(1), new FakeTimeProvider());
        var lookup = new ZoneLookup(ZoneNameStatus.NotFound, "decent-cloud.org", [], []);
        cache.Set("first.gw.decent-cloud.org", lookup, cache.Now());
        for (var i = 0; i < ZoneAnswerCache.MaxNames; i++)
        {
            cache.Set($"n{i}.gw.decent-cloud.org", lookup, cache.Now());
        }

        Assert.False(cache.TryGet("first.gw.decent-cloud.org", out _));
        Assert.True(cache.TryGet($"n{ZoneAnswerCache.MaxNames - 1}.gw.decent-cloud.org", out _));
    }

    [Fact]
    public void A_zero_lifetime_switches_the_cache_off()
    {
        var cache = new ZoneAnswerCache(TimeSpan.Zero, new FakeTimeProvider());
        cache.Set("a.gw.decent-cloud.org", new ZoneLookup(ZoneNameStatus.NotFound, "decent-cloud.org", [], []), cache.Now());
        Assert.False(cache.TryGet("a.gw.decent-cloud.org", out _));
    }
}
