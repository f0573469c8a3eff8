using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// What the API returns is not trusted into Caddy's files: the agent composes the names from validated parts and
/// refuses any value outside its documented character set, before anything is written.
/// </summary>
public sealed class HostileGatewayReplyTests : IDisposable
{
    private const string Password = "s3cr3t-password-value-0123456789abcdefghijk";
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-agent-hostile-").FullName;

    public HostileGatewayReplyTests()
    {
        _api.Given(Request.Create().WithPath("/api/v1/agents/setup").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            agentPubkey = "x", providerId = "prov-a", poolId = Guid.NewGuid(), poolName = "pool-a",
            permissions = new[] { "dns_manage" }, expiresAt = (DateTimeOffset?)null, gwPrefix = "gw", domain = "decent-cloud.org",
        }));
    }

    public void Dispose()
    {
        _api.Stop();
        _api.Dispose();
        Directory.Delete(_dir, true);
    }

    private string Config => Path.Combine(_dir, "agent", "config.json");

    private string Caddy => Path.Combine(_dir, "caddy");

    private void Registers(string? serverUrl = null, string password = Password, string subdomain = "dc-lk", string? wildcard = null, string gwPrefix = "gw", string domain = "decent-cloud.org") =>
        _api.Given(Request.Create().WithPath("/api/v1/agents/gateway/register").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            acmeDnsServerUrl = serverUrl ?? "https://api.decent-cloud.org/api/v1/acme-dns", acmeDnsUsername = "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            acmeDnsPassword = password, acmeDnsSubdomain = subdomain, fullDomain = $"_acme-challenge.{subdomain}.{gwPrefix}.{domain}",
            wildcard = wildcard ?? $"*.{subdomain}.{gwPrefix}.{domain}", gwPrefix, domain,
        }));

    private Task<(int Exit, string Out, string Err)> SetupAsync(string? apiUrl = null) => AgentCli.RunAsync(
        "setup", "token", "--token", "dcst_token", "--api-url", apiUrl ?? _api.Url!, "--gateway-dc-id", "dc-lk", "--config", Config, "--caddy-dir", Caddy, "--no-reload");

    private void AssertRefusedAndNothingWritten((int Exit, string Out, string Err) run, string reason)
    {
        Assert.True(run.Exit == 1, $"setup accepted it (exit {run.Exit}): {run.Out}");
        Assert.StartsWith("error: ", run.Err);
        Assert.Contains(reason, run.Err);
        Assert.DoesNotContain(Password, run.Out + run.Err);
        Assert.False(File.Exists(Path.Combine(Caddy, "Caddyfile")), "a Caddyfile was written");
        Assert.False(File.Exists(Path.Combine(Caddy, "env")), "an env file was written");
        Assert.False(File.Exists(Config), "the configuration was written");
    }

    [Fact]
    public async Task A_wildcard_with_a_newline_and_a_directive_is_refused()
    {
        Registers(wildcard: "*.dc-lk.gw.decent-cloud.org {\n\treverse_proxy evil.example:80\n}\nx.example");
        AssertRefusedAndNothingWritten(await SetupAsync(), "wildcard");
    }

    [Fact]
    public async Task A_wildcard_for_another_name_than_the_one_composed_from_the_parts_is_refused()
    {
        Registers(wildcard: "*.example.com");
        AssertRefusedAndNothingWritten(await SetupAsync(), "wildcard");
    }

    [Fact]
    public async Task Credentials_for_another_dc_id_than_the_one_asked_for_are_refused()
    {
        // A valid name, consistently composed, but not this gateway's: the host would serve another gateway's names.
        Registers(subdomain: "dc-other");
        AssertRefusedAndNothingWritten(await SetupAsync(), "acme-dns subdomain 'dc-other' but --gateway-dc-id says 'dc-lk'");
    }

    [Theory]
    [InlineData("gw\n}", "gateway prefix")]
    [InlineData("GW", "gateway prefix")]
    public async Task A_gateway_prefix_that_is_not_one_dns_label_is_refused(string prefix, string reason)
    {
        Registers(gwPrefix: prefix);
        AssertRefusedAndNothingWritten(await SetupAsync(), reason);
    }

    [Fact]
    public async Task A_domain_that_is_not_a_dns_name_is_refused()
    {
        Registers(domain: "decent-cloud.org {\n}");
        AssertRefusedAndNothingWritten(await SetupAsync(), "domain");
    }

    [Fact]
    public async Task A_subdomain_that_is_not_a_dc_id_is_refused()
    {
        Registers(subdomain: "dc-lk\nHTTP_PROXY=http://evil.example");
        AssertRefusedAndNothingWritten(await SetupAsync(), "subdomain");
    }

    [Theory]
    [InlineData(Password + "\nHTTP_PROXY=http://evil.example:3128")]
    [InlineData("short")]
    [InlineData("pass word with spaces and {braces} \"quotes\" 0123456789")]
    public async Task A_password_outside_base64url_is_refused(string password)
    {
        Registers(password: password);
        AssertRefusedAndNothingWritten(await SetupAsync(), "password");
    }

    [Theory]
    [InlineData("http://acme.example.org/api/v1/acme-dns")]
    [InlineData("https://api.decent-cloud.org/api/v1/acme-dns\nHTTP_PROXY=http://evil.example")]
    [InlineData("https://user:pw@api.decent-cloud.org/api/v1/acme-dns")]
    [InlineData("https://api.decent-cloud.org/{$HOME}")]
    [InlineData("api.decent-cloud.org/api/v1/acme-dns")]
    public async Task An_acme_dns_server_url_that_is_not_a_plain_https_url_is_refused(string url)
    {
        Registers(serverUrl: url);
        AssertRefusedAndNothingWritten(await SetupAsync(), "acme-dns server URL");
    }

    [Fact]
    public async Task A_loopback_http_acme_dns_server_url_is_accepted()
    {
        Registers(serverUrl: "http://127.0.0.1:8080/api/v1/acme-dns");
        var (exit, _, stderr) = await SetupAsync();
        Assert.True(exit == 0, stderr);
        Assert.Contains("ACME_DNS_SERVER_URL=http://127.0.0.1:8080/api/v1/acme-dns\n", File.ReadAllText(Path.Combine(Caddy, "env")));
    }

    [Theory]
    [InlineData("http://api.example.org")]
    [InlineData("http://203.0.113.9:8080")]
    public async Task An_http_api_url_to_a_non_loopback_host_is_refused_before_any_call(string apiUrl)
    {
        Registers();
        var (exit, _, stderr) = await SetupAsync(apiUrl);
        Assert.Equal(1, exit);
        Assert.Contains("https", stderr);
        Assert.Contains("loopback", stderr);
        Assert.False(File.Exists(Config));
    }

    [Fact]
    public async Task A_configuration_naming_an_http_api_url_to_a_non_loopback_host_is_refused_by_doctor_and_run()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        File.WriteAllText(Config, """{"apiUrl":"http://api.example.org","agentKeyPath":"/nonexistent/agent.key","providerId":"prov-a"}""");

        var (doctorExit, doctorOut, _) = await AgentCli.RunAsync("doctor", "--config", Config);
        Assert.Equal(1, doctorExit);
        Assert.Contains("FAIL  config", doctorOut);
        Assert.Contains("https", doctorOut);

        var (runExit, _, runErr) = await AgentCli.RunAsync("run", "--config", Config);
        Assert.Equal(2, runExit);
        Assert.Contains("https", runErr);
    }
}
