using DecentCloud.Api.Configuration;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.Api.Tests;

/// <summary>The embedded DNS server's load limits are read from their variables and checked at start.</summary>
public class EmbeddedDnsSettingsTests
{
    private static ApiSettings Read(Dictionary<string, string?> values) =>
        ApiSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void Defaults_bound_the_server()
    {
        var dns = Read([]).EmbeddedDns;
        Assert.Equal((64, 1000, TimeSpan.FromSeconds(10), 256, 32, 20),
            (dns.UdpConcurrency, dns.UdpRateLimit, dns.TcpIdleTimeout, dns.TcpMaxConnections, dns.TcpMaxConnectionsPerSource, dns.AnswerCacheSeconds));
    }

    [Fact]
    public void Every_dns_limit_variable_is_read()
    {
        var dns = Read(new()
        {
            ["DC_DNS_UDP_CONCURRENCY"] = "8", ["DC_DNS_UDP_RATE_LIMIT"] = "0", ["DC_DNS_TCP_IDLE_TIMEOUT_SECONDS"] = "3",
            ["DC_DNS_TCP_MAX_CONNECTIONS"] = "50", ["DC_DNS_TCP_MAX_CONNECTIONS_PER_SOURCE"] = "5", ["DC_DNS_ANSWER_CACHE_SECONDS"] = "0",
        }).EmbeddedDns;
        Assert.Equal((8, 0, TimeSpan.FromSeconds(3), 50, 5, 0),
            (dns.UdpConcurrency, dns.UdpRateLimit, dns.TcpIdleTimeout, dns.TcpMaxConnections, dns.TcpMaxConnectionsPerSource, dns.AnswerCacheSeconds));
    }

    [Theory]
    [InlineData("DC_DNS_UDP_CONCURRENCY", "0")]
    [InlineData("DC_DNS_UDP_RATE_LIMIT", "-1")]
    [InlineData("DC_DNS_TCP_IDLE_TIMEOUT_SECONDS", "0")]
    [InlineData("DC_DNS_TCP_MAX_CONNECTIONS", "none")]
    [InlineData("DC_DNS_TCP_MAX_CONNECTIONS_PER_SOURCE", "0")]
    [InlineData("DC_DNS_ANSWER_CACHE_SECONDS", "3600")]
    public void Bad_dns_limits_stop_start_up_naming_the_variable(string name, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.Contains(name, ex.Message);
    }
}
