using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Tests;

public class AcmeDnsUpdateTests
{
    private const string Challenge = "_acme-challenge.dc-lk.gw.decent-cloud.org";

    private static string V(char c) => new(c, 43);

    private static async Task<GatewayCredentials> RegisterAsync(AppHarness app, string dcId = "dc-lk", string provider = "prov-a") =>
        (await app.SendAsync(new RegisterGateway(AppHarness.Agent(provider), dcId, "10.0.0.1"))).Value;

    [Fact]
    public async Task Update_publishes_the_value_under_the_accounts_own_name()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        var result = await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", V('a'), "192.0.2.1"));
        Assert.Equal(V('a'), result.Value.Value);
        var call = Assert.Single(app.Publisher.TxtCalls);
        Assert.Equal(Challenge, call.Name);
        Assert.Equal([V('a')], call.Values);
    }

    [Fact]
    public async Task Two_values_are_kept_and_a_third_drops_the_oldest()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        foreach (var c in "abc")
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", V(c), null))).IsSuccess);
        }

        Assert.Equal([V('c'), V('b')], app.Publisher.TxtCalls[^1].Values);
        var lookup = await app.SendAsync(new Dns.LookupZoneName(Challenge));
        Assert.Equal([V('c'), V('b')], lookup.TxtValues);
    }

    [Fact]
    public async Task Repeating_the_current_value_publishes_nothing()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        var update = new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", V('a'), null);
        await app.SendAsync(update);
        Assert.True((await app.SendAsync(update)).IsSuccess);
        Assert.Single(app.Publisher.TxtCalls);
    }

    public static TheoryData<string?, string?, string?> BadCredentials => new()
    {
        { "wrong-key", null, null },
        { null, "00000000-0000-0000-0000-000000000000", null },
        { null, "not-a-uuid", null },
        { null, null, "dc-other" },
        { "", null, null },
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Every_authentication_failure_is_the_same_forbidden_and_changes_nothing(string? key, string? user, string? subdomain)
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        var result = await app.SendAsync(new UpdateAcmeTxt(
            user ?? creds.AcmeDnsUsername.ToString(), key ?? creds.AcmeDnsPassword, subdomain ?? "dc-lk", V('a'), "192.0.2.9"));
        var error = result.FirstDomainError();
        Assert.Equal((ErrorKind.Unauthorized, "forbidden"), (error.Kind, error.Code));
        Assert.Empty(app.Publisher.TxtCalls);
        Assert.Empty((await app.SendAsync(new Dns.LookupZoneName(Challenge))).TxtValues);
        var audit = (await app.AuditAsync()).First(a => a.Action == "acme_dns.update");
        Assert.Equal(("unauthorized", "192.0.2.9"), (audit.Outcome, audit.ClientAddress));
    }

    [Fact]
    public async Task Another_gateways_credentials_cannot_write_this_gateways_record()
    {
        await using var app = await AppHarness.CreateAsync();
        await RegisterAsync(app, "dc-lk", "prov-a");
        var other = await RegisterAsync(app, "dc-xx", "prov-b");
        var result = await app.SendAsync(new UpdateAcmeTxt(other.AcmeDnsUsername.ToString(), other.AcmeDnsPassword, "dc-lk", V('a'), null));
        Assert.Equal(ErrorKind.Unauthorized, result.FirstDomainError().Kind);
        Assert.Empty(app.Publisher.TxtCalls);
    }

    [Theory]
    [InlineData("DC-LK", "bad_subdomain")]
    [InlineData("_acme-challenge.dc-lk", "bad_subdomain")]
    [InlineData(null, "bad_subdomain")]
    public async Task Malformed_subdomains_are_bad_requests(string? subdomain, string code)
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        var result = await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, subdomain, V('a'), null));
        Assert.Equal((ErrorKind.Validation, code), (result.FirstDomainError().Kind, result.FirstDomainError().Code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")]
    public async Task Malformed_values_are_bad_txt(string? txt)
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        var result = await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", txt, null));
        Assert.Equal("bad_txt", result.FirstDomainError().Code);
    }

    [Fact]
    public async Task A_dns_provider_failure_is_reported_and_nothing_is_stored()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        app.Publisher.Fail = true;
        var result = await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", V('a'), null));
        Assert.Equal((ErrorKind.Upstream, "dns_update_failed"), (result.FirstDomainError().Kind, result.FirstDomainError().Code));
        Assert.Empty((await app.SendAsync(new Dns.LookupZoneName(Challenge))).TxtValues);
        Assert.Equal("dns_update_failed", (await app.AuditAsync()).First(a => a.Action == "acme_dns.update").Outcome);
    }

    [Fact]
    public async Task Stale_values_expire_from_store_and_dns()
    {
        await using var app = await AppHarness.CreateAsync(o => o.TxtMaxAge = TimeSpan.FromMinutes(10));
        var creds = await RegisterAsync(app);
        await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", V('a'), null));
        app.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, await app.SendAsync(new ExpireStaleTxtValues()));
        app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await app.SendAsync(new ExpireStaleTxtValues()));
        Assert.Equal(Challenge, app.Publisher.TxtCalls[^1].Name);
        Assert.Empty(app.Publisher.TxtCalls[^1].Values);
        Assert.Empty((await app.SendAsync(new Dns.LookupZoneName(Challenge))).TxtValues);
    }

    [Fact]
    public async Task The_audit_trail_never_holds_the_key_or_the_value()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", V('q'), "192.0.2.1"));
        await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), "guess-" + creds.AcmeDnsPassword, "dc-lk", V('r'), "192.0.2.1"));
        var audit = await app.AuditAsync();
        var text = string.Join("\n", audit.Select(a => a.ToString()));
        Assert.Contains("acme_dns.update", text);
        Assert.DoesNotContain(creds.AcmeDnsPassword, text);
        Assert.DoesNotContain(V('q'), text);
        Assert.DoesNotContain(V('r'), text);
    }

    [Fact]
    public async Task Concurrent_updates_of_one_record_lose_nothing()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = await RegisterAsync(app);
        var results = await Task.WhenAll("abcdef".Select(c =>
            app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", V(c), null))));
        Assert.All(results, r => Assert.True(r.IsSuccess));
        var values = (await app.SendAsync(new Dns.LookupZoneName(Challenge))).TxtValues;
        Assert.Equal(2, values.Count);
    }
}
