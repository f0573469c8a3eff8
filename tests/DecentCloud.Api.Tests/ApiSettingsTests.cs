using DecentCloud.Api.Configuration;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.Api.Tests;

public class ApiSettingsTests
{
    private static ApiSettings Read(Dictionary<string, string?> values) =>
        ApiSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void Defaults_are_the_embedded_ones()
    {
        var settings = Read([]);
        Assert.Equal("http://127.0.0.1:8080", settings.ListenUrls);
        Assert.Equal(("decent-cloud.test", "dev-gw", null), (settings.Gateway.Domain, settings.Gateway.GatewayPrefix, settings.Gateway.PublicUrl));
        Assert.Null(settings.Cloudflare);
        Assert.Equal("127.0.0.1:8053", settings.EmbeddedDns.Listen);
        Assert.False(settings.Persistence.UsesPostgres);
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromMinutes(30)), (settings.ContractTimeouts.RequestTimeout, settings.ContractTimeouts.ProvisioningTimeout));
        Assert.Equal(TimeSpan.FromHours(1), settings.Gateway.TxtMaxAge);
    }

    [Fact]
    public void Every_documented_variable_is_read()
    {
        var settings = Read(new()
        {
            ["CF_API_TOKEN"] = "t", ["CF_ZONE_ID"] = "z", ["CF_DOMAIN"] = "decent-cloud.org", ["CF_GW_PREFIX"] = "gw",
            ["API_PUBLIC_URL"] = "https://api.decent-cloud.org", ["DC_LISTEN_URLS"] = "http://0.0.0.0:9000",
            ["DC_POSTGRES_CONNECTION"] = "Host=db", ["DC_RESERVED_DC_ID_PREFIXES"] = "corp-, lab-",
            ["DC_ACME_TXT_MAX_AGE_SECONDS"] = "120", ["DC_CONTRACT_REQUEST_TIMEOUT_SECONDS"] = "60",
            ["DC_CONTRACT_PROVISIONING_TIMEOUT_SECONDS"] = "90", ["DC_AUTH_FAILURE_LIMIT"] = "5", ["ACME_DNS_SERVER_URL"] = "x",
        });
        Assert.Equal(("t", "z"), (settings.Cloudflare!.ApiToken, settings.Cloudflare.ZoneId));
        Assert.True(settings.Persistence.UsesPostgres);
        Assert.Equal(["corp-", "lab-"], settings.Gateway.ExtraReservedPrefixes);
        Assert.Equal(TimeSpan.FromSeconds(120), settings.Gateway.TxtMaxAge);
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90)), (settings.ContractTimeouts.RequestTimeout, settings.ContractTimeouts.ProvisioningTimeout));
        Assert.Equal(5, settings.AuthFailureLimits.MaxFailures);
        Assert.True(settings.RetiredAcmeDnsServerUrlPresent);
    }

    [Theory]
    [InlineData("DC_SWEEP_INTERVAL_SECONDS", "0", "DC_SWEEP_INTERVAL_SECONDS")]
    [InlineData("DC_AUTH_FAILURE_LIMIT", "many", "DC_AUTH_FAILURE_LIMIT")]
    [InlineData("API_PUBLIC_URL", "not a url", "API_PUBLIC_URL")]
    [InlineData("CF_ZONE_ID", "z", "CF_API_TOKEN")]
    public void Bad_values_stop_start_up_naming_the_variable(string name, string value, string named)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.Contains(named, ex.Message);
    }
}
