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
    [InlineData("DC_TOPUP_SUCCESS_URL", "ftp://files.example/x", "DC_TOPUP_SUCCESS_URL")]
    [InlineData("DC_TOPUP_CANCEL_URL", "wallet/cancel", "DC_TOPUP_CANCEL_URL")]
    [InlineData("DC_PLATFORM_FEE_PERCENT", "100.5", "DC_PLATFORM_FEE_PERCENT (Escrow:PlatformFeePercent): PlatformFeePercent must be 0-99.99 with at most 2 decimals")]
    [InlineData("DC_PLATFORM_FEE_PERCENT", "2.505", "DC_PLATFORM_FEE_PERCENT")]
    [InlineData("DC_ESCROW_RELEASE_INTERVAL_SECONDS", "0", "DC_ESCROW_RELEASE_INTERVAL_SECONDS")]
    public void Bad_values_stop_start_up_naming_the_variable(string name, string value, string named)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void Every_setting_can_come_from_its_section_as_in_appsettings_json()
    {
        var settings = Read(new()
        {
            ["Gateway:Domain"] = "example.test", ["Gateway:GatewayPrefix"] = "edge", ["Gateway:TxtMaxAge"] = "00:02:00",
            ["Gateway:ExtraReservedPrefixes:0"] = "corp-", ["Persistence:SqlitePath"] = "/var/lib/dc/api.db",
            ["Dns:Listen"] = "0.0.0.0:53", ["Cloudflare:ApiToken"] = "t", ["Cloudflare:ZoneId"] = "z",
            ["Cloudflare:BaseAddress"] = "http://127.0.0.1:9999/client/v4", ["ContractTimeouts:RequestTimeout"] = "00:10:00",
            ["AgentProtocol:LeaseLength"] = "00:01:00", ["AuthFailureLimits:MaxFailures"] = "3", ["AuthFailureLimits:Window"] = "00:05:00",
            ["Jobs:DefaultInterval"] = "00:00:30", ["Jobs:Intervals:expire-credentials"] = "01:00:00",
        });
        Assert.Equal(("example.test", "edge", TimeSpan.FromMinutes(2)), (settings.Gateway.Domain, settings.Gateway.GatewayPrefix, settings.Gateway.TxtMaxAge));
        Assert.Equal(["corp-"], settings.Gateway.ExtraReservedPrefixes);
        Assert.Equal(("/var/lib/dc/api.db", "0.0.0.0:53"), (settings.Persistence.SqlitePath, settings.EmbeddedDns.Listen));
        Assert.Equal(new Uri("http://127.0.0.1:9999/client/v4/"), settings.Cloudflare!.BaseAddress);
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1)), (settings.ContractTimeouts.RequestTimeout, settings.AgentProtocol.LeaseLength));
        Assert.Equal((3, TimeSpan.FromMinutes(5)), (settings.AuthFailureLimits.MaxFailures, settings.AuthFailureLimits.Window));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)), (settings.Jobs.IntervalOf("forget-nonces"), settings.Jobs.IntervalOf("expire-credentials")));
    }

    [Fact]
    public void The_variables_of_the_original_platform_win_over_their_sections()
    {
        var settings = Read(new() { ["Gateway:Domain"] = "example.test", ["CF_DOMAIN"] = "decent-cloud.org", ["Jobs:DefaultInterval"] = "00:00:30", ["DC_SWEEP_INTERVAL_SECONDS"] = "5" });
        Assert.Equal("decent-cloud.org", settings.Gateway.Domain);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Jobs.DefaultInterval);
    }

    [Fact]
    public void The_escrow_settings_bind_from_their_variables_and_default_to_daily_releases_without_a_fee()
    {
        var set = Read(new()
        {
            ["DC_PLATFORM_FEE_PERCENT"] = "2.5", ["DC_ESCROW_RELEASE_INTERVAL_SECONDS"] = "3600", ["DC_ESCROW_RELEASE_JOB_INTERVAL_SECONDS"] = "30",
        });
        Assert.Equal((250, TimeSpan.FromHours(1), TimeSpan.FromSeconds(30)), (set.Escrow.Fee.BasisPoints, set.Escrow.ReleaseInterval, set.Jobs.IntervalOf("escrow-releases")));
        var defaults = Read([]);
        Assert.Equal((0, TimeSpan.FromDays(1), defaults.Jobs.DefaultInterval),
            (defaults.Escrow.Fee.BasisPoints, defaults.Escrow.ReleaseInterval, defaults.Jobs.IntervalOf("escrow-releases")));
    }

    [Fact]
    public void The_price_settings_bind_from_their_variables_and_default_to_ten_minutes_five_percent_and_icp()
    {
        var set = Read(new()
        {
            ["DC_PRICE_MAX_AGE_SECONDS"] = "300", ["DC_PRICE_QUORUM"] = "3", ["DC_PRICE_MAX_SPREAD_PERCENT"] = "2.5",
            ["DC_PRICE_SOURCES"] = "kraken, coinbase,binance", ["DC_PRICE_TOKENS"] = "ICP,DC", ["DC_PRICE_SOURCE_TIMEOUT_SECONDS"] = "4",
            ["DC_PRICE_REFRESH_INTERVAL_SECONDS"] = "120",
        });
        Assert.Equal((TimeSpan.FromMinutes(5), (int?)3, 2.5m, TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(2)),
            (set.Prices.MaxAge, set.Prices.Quorum, set.Prices.MaxSpreadPercent, set.Prices.SourceTimeout, set.Jobs.IntervalOf("refresh-prices")));
        Assert.Equal(["kraken", "coinbase", "binance"], set.Prices.Sources);
        Assert.Equal(["ICP", "DC"], set.Prices.EffectiveTokens);
        var defaults = Read([]);
        Assert.Equal((TimeSpan.FromMinutes(10), (int?)null, 5m), (defaults.Prices.MaxAge, defaults.Prices.Quorum, defaults.Prices.MaxSpreadPercent));
        Assert.Equal(["ICP"], defaults.Prices.EffectiveTokens);
        Assert.Equal(2, defaults.Prices.Policy(3).Quorum);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), Read(new() { ["DC_PRICE_KRAKEN_URL"] = "http://127.0.0.1:9/" }).Exchanges.KrakenBaseUrl);
    }

    [Theory]
    [InlineData("DC_PRICE_MAX_SPREAD_PERCENT", "0", "MaxSpreadPercent")]
    [InlineData("DC_PRICE_MAX_SPREAD_PERCENT", "150", "MaxSpreadPercent")]
    [InlineData("DC_PRICE_QUORUM", "0", "DC_PRICE_QUORUM")]
    [InlineData("DC_PRICE_TOKENS", "ICP,not a token", "Tokens")]
    [InlineData("DC_PRICE_MAX_AGE_SECONDS", "0", "DC_PRICE_MAX_AGE_SECONDS")]
    public void A_bad_price_setting_is_refused_naming_it(string name, string value, string named)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_payout_settings_bind_from_their_variables_and_default_to_one_dollar_with_the_fee_out_of_the_amount()
    {
        var set = Read(new() { ["DC_PAYOUT_MINIMUM_USD"] = "2.5", ["DC_PAYOUT_FEE_ON_TOP"] = "true" });
        Assert.Equal((2.5m, true), (set.Payouts.MinimumUsd, set.Payouts.FeeOnTop));
        var defaults = Read([]);
        Assert.Equal((1.00m, false), (defaults.Payouts.MinimumUsd, defaults.Payouts.FeeOnTop));
    }

    [Theory]
    [InlineData("DC_PAYOUT_MINIMUM_USD", "-1", "MinimumUsd")]
    [InlineData("DC_PAYOUT_MINIMUM_USD", "0.0000000001", "MinimumUsd")]
    [InlineData("DC_PAYOUT_MINIMUM_USD", "a dollar", "DC_PAYOUT_MINIMUM_USD")]
    [InlineData("DC_PAYOUT_FEE_ON_TOP", "maybe", "DC_PAYOUT_FEE_ON_TOP")]
    public void A_bad_payout_setting_is_refused_naming_it(string name, string value, string named)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_job_has_its_own_interval_variable_defaulting_to_the_sweep_interval()
    {
        var settings = Read(new()
        {
            ["DC_SWEEP_INTERVAL_SECONDS"] = "20", ["DC_TXT_SWEEP_INTERVAL_SECONDS"] = "5", ["DC_NONCE_SWEEP_INTERVAL_SECONDS"] = "600",
            ["DC_CONTRACT_TIMEOUT_INTERVAL_SECONDS"] = "15",
        });
        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20)],
            new[] { "expire-txt-values", "forget-nonces", "contract-timeouts", "expire-credentials" }.Select(settings.Jobs.IntervalOf));
        Assert.Equal(TimeSpan.FromSeconds(60), Read([]).Jobs.IntervalOf("expire-credentials"));
    }

    [Fact]
    public void The_edge_settings_bind_from_their_variables_and_default_to_trusting_no_proxy()
    {
        var defaults = Read([]);
        Assert.Empty(defaults.ClientAddress.TrustedProxies);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), defaults.SignedRequests.LegacyFormatAcceptedUntil);
        Assert.Equal((100, 1000), (defaults.AuthFailureLimits.MaxFailuresPerTarget, defaults.AuthFailureLimits.MaxFailuresOverall));

        var set = Read(new()
        {
            ["DC_TRUSTED_PROXIES"] = "10.0.0.0/8, ::1", ["DC_LEGACY_SIGNATURE_CUTOFF"] = "2027-06-01T00:00:00Z",
            ["DC_AUTH_FAILURE_TARGET_LIMIT"] = "7", ["DC_AUTH_FAILURE_GLOBAL_LIMIT"] = "70",
        });
        Assert.Equal(["10.0.0.0/8", "::1"], set.ClientAddress.TrustedProxies);
        Assert.Equal(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero), set.SignedRequests.LegacyFormatAcceptedUntil);
        Assert.Equal((7, 70), (set.AuthFailureLimits.MaxFailuresPerTarget, set.AuthFailureLimits.MaxFailuresOverall));
    }

    [Theory]
    [InlineData("CF_API_BASE_URL", "not a url", "CF_API_BASE_URL")]
    [InlineData("DC_CREDENTIAL_SWEEP_INTERVAL_SECONDS", "-1", "DC_CREDENTIAL_SWEEP_INTERVAL_SECONDS")]
    [InlineData("Gateway:TxtMaxAge", "an hour", "DC_ACME_TXT_MAX_AGE_SECONDS (Gateway:TxtMaxAge)")]
    [InlineData("Gateway:PublicUrl", "relative/path", "API_PUBLIC_URL (Gateway:PublicUrl)")]
    [InlineData("ContractTimeouts:RequestTimeout", "00:00:00", "DC_CONTRACT_REQUEST_TIMEOUT_SECONDS (ContractTimeouts:RequestTimeout): RequestTimeout must be a positive duration")]
    [InlineData("AuthFailureLimits:MaxFailures", "0", "DC_AUTH_FAILURE_LIMIT (AuthFailureLimits:MaxFailures) must be a positive whole number")]
    [InlineData("DC_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal", "DC_TRUSTED_PROXIES (ClientAddress:TrustedProxies) must list addresses or CIDR networks")]
    [InlineData("DC_TRUSTED_PROXIES", "10.0.0.1/8", "'10.0.0.1/8'")]
    [InlineData("DC_AUTH_FAILURE_GLOBAL_LIMIT", "0", "DC_AUTH_FAILURE_GLOBAL_LIMIT")]
    [InlineData("AuthFailureLimits:MaxFailuresPerTarget", "0", "DC_AUTH_FAILURE_TARGET_LIMIT (AuthFailureLimits:MaxFailuresPerTarget) must be a positive whole number")]
    [InlineData("AuthFailureLimits:MaxTrackedKeys", "10", "MaxTrackedKeys must be at least twice DC_AUTH_FAILURE_GLOBAL_LIMIT")]
    [InlineData("DC_LEGACY_SIGNATURE_CUTOFF", "next spring", "DC_LEGACY_SIGNATURE_CUTOFF")]
    public void Bad_values_from_either_source_name_the_variable(string name, string value, string named)
    {
        var values = new Dictionary<string, string?> { [name] = value };
        if (name.StartsWith("CF_", StringComparison.Ordinal))
        {
            (values["CF_API_TOKEN"], values["CF_ZONE_ID"]) = ("t", "z");
        }

        var ex = Assert.Throws<InvalidOperationException>(() => Read(values));
        Assert.Contains(named, ex.Message);
    }

    [Theory]
    [InlineData("http://0.0.0.0:1", "http://0.0.0.0:2", "http://0.0.0.0:3", null, null)]
    [InlineData(null, "http://0.0.0.0:2", "http://0.0.0.0:3", null, "http://0.0.0.0:2")]
    [InlineData(null, "http://0.0.0.0:2", null, "8081", "http://0.0.0.0:2")]
    [InlineData(null, null, "http://0.0.0.0:3", null, null)]
    [InlineData(null, null, null, "8081", null)]
    [InlineData(null, " ", "", null, ListenUrls.Default)]
    public void Listen_urls_follow_the_documented_precedence(string? commandLine, string? product, string? standard, string? httpPorts, string? expected) =>
        Assert.Equal(expected, ListenUrls.Override(commandLine, product, standard, httpPorts, httpsPorts: null));

    [Fact]
    public void Every_per_job_variable_names_a_registered_job_and_every_job_has_one()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Jobs.ApiJobs.AddApiJobs(services, new ConfigurationBuilder().Build());
        var registered = services.Where(d => d.ServiceType == typeof(Hosting.Jobs.RecurringJobRegistration))
            .Select(d => ((Hosting.Jobs.RecurringJobRegistration)d.ImplementationInstance!).Name)
            .Order();
        var mapped = ApiVariables.All.Where(v => v.Key.StartsWith("Jobs:Intervals:", StringComparison.Ordinal))
            .Select(v => v.Key["Jobs:Intervals:".Length..])
            .Order();
        Assert.Equal(["archive-contracts", "contract-retention", "contract-timeouts", "detect-sla-breaches", "dispatch-outbox", "escrow-releases", "expire-credentials", "expire-txt-values", "forget-nonces", "import-signals", "probe-contracts", "prune-audit", "recompute-scores", "refresh-prices", "rollup-health", "scan-deposits", "warn-ending-contracts"], registered);
        Assert.Equal(registered, mapped);
    }
}
