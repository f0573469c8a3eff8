using System.Net;
using System.Text;
using System.Text.Json;
using DecentCloud.Api.Client;
using DecentCloud.Adapters.Crypto;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Api.Tests;

public sealed class AcmeDnsRouteTests : IClassFixture<AcmeDnsRouteTests.Registered>
{
    private const string Update = "/api/v1/acme-dns/update";
    private static readonly string Value = new string('A', 42) + "_";
    private readonly Registered _gw;

    public AcmeDnsRouteTests(Registered gateway) => _gw = gateway;

    /// <summary>One API with a registered gateway <c>dc-lk</c> shared by the route tests.</summary>
    public sealed class Registered : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public string Username { get; private set; } = string.Empty;

        public string Password { get; private set; } = string.Empty;

        public async ValueTask InitializeAsync()
        {
            var client = Factory.CreateClient();
            var signer = await Factory.JoinAsync(client, "pool-a");
            await using var services = Factory.ClientServices(agent: signer);
            var credentials = await services.GetRequiredService<IAgentApi>().RegisterGatewayAsync(new GatewayRegistration("dc-lk"));
            Username = credentials.AcmeDnsUsername.ToString();
            Password = credentials.AcmeDnsPassword;
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }

    private HttpRequestMessage Post(string? body, string? user = null, string? key = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Update);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        if (user != "")
        {
            request.Headers.Add("X-Api-User", user ?? _gw.Username);
        }

        if (key != "")
        {
            request.Headers.Add("X-Api-Key", key ?? _gw.Password);
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> SendAsync(HttpRequestMessage request)
    {
        var response = await _gw.Factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Success_is_200_with_the_exact_acme_dns_body()
    {
        var (status, body, type) = await SendAsync(Post($"{{\"subdomain\":\"dc-lk\",\"txt\":\"{Value}\"}}"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{{\"txt\":\"{Value}\"}}", body);
        Assert.Equal("application/json", type);
    }

    public static TheoryData<string, string?, string?> AuthFailures => new()
    {
        { "missing user", "", null },
        { "missing key", null, "" },
        { "unknown user", Guid.NewGuid().ToString(), null },
        { "malformed user", "dc-lk", null },
        { "wrong key", null, "wrong" },
    };

    [Theory]
    [MemberData(nameof(AuthFailures))]
    public async Task Every_auth_failure_is_401_forbidden(string why, string? user, string? key)
    {
        var (status, body, _) = await SendAsync(Post($"{{\"subdomain\":\"dc-lk\",\"txt\":\"{Value}\"}}", user, key));
        Assert.True(status == HttpStatusCode.Unauthorized, why);
        Assert.Equal("{\"error\":\"forbidden\"}", body);
    }

    [Fact]
    public async Task A_subdomain_that_is_not_the_accounts_is_401()
    {
        var (status, body, _) = await SendAsync(Post($"{{\"subdomain\":\"dc-xx\",\"txt\":\"{Value}\"}}"));
        Assert.Equal((HttpStatusCode.Unauthorized, "{\"error\":\"forbidden\"}"), (status, body));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"subdomain\":\"dc-lk\"}")]
    [InlineData("{\"subdomain\":\"dc-lk\",\"txt\":\"short\"}")]
    [InlineData("{\"subdomain\":\"dc-lk\",\"txt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}")]
    [InlineData("{\"subdomain\":\"dc-lk\",\"txt\":42}")]
    [InlineData("{\"subdomain\":\"dc-lk\",\"txt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_\",\"extra\":1}")]
    [InlineData("{\"subdomain\":\"dc-lk\",\"txt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_\"} trailing")]
    public async Task Malformed_bodies_and_values_are_400_bad_txt(string body)
    {
        var (status, reply, _) = await SendAsync(Post(body));
        Assert.Equal((HttpStatusCode.BadRequest, "{\"error\":\"bad_txt\"}"), (status, reply));
    }

    [Theory]
    [InlineData("DC-LK")]
    [InlineData("_acme-challenge.dc-lk")]
    [InlineData("")]
    public async Task Malformed_subdomains_are_400_bad_subdomain(string subdomain)
    {
        var (status, reply, _) = await SendAsync(Post($"{{\"subdomain\":\"{subdomain}\",\"txt\":\"{Value}\"}}"));
        Assert.Equal((HttpStatusCode.BadRequest, "{\"error\":\"bad_subdomain\"}"), (status, reply));
    }

    [Fact]
    public async Task Oversized_bodies_are_413_and_other_media_types_415()
    {
        var big = $"{{\"subdomain\":\"dc-lk\",\"txt\":\"{Value}\",\"pad\":\"{new string('x', 5000)}\"}}";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(Post(big))).Status);
        var form = await SendAsync(Post($"{{\"subdomain\":\"dc-lk\",\"txt\":\"{Value}\"}}", contentType: "application/x-www-form-urlencoded"));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "{\"error\":\"unsupported_media_type\"}"), (form.Status, form.Body));
    }

    [Fact]
    public async Task Repeated_auth_failures_from_one_client_get_429_with_retry_after()
    {
        await using var factory = new ApiFactory(new() { ["DC_AUTH_FAILURE_LIMIT"] = "3", ["DC_AUTH_FAILURE_WINDOW_SECONDS"] = "60" });
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var failing = Post($"{{\"subdomain\":\"dc-lk\",\"txt\":\"{Value}\"}}", Guid.NewGuid().ToString(), "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(failing, TestContext.Current.CancellationToken)).StatusCode);
        }

        var blocked = await client.SendAsync(Post($"{{\"subdomain\":\"dc-lk\",\"txt\":\"{Value}\"}}", Guid.NewGuid().ToString(), "x"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        var retryAfter = blocked.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);

        // The signed agent routes share the limit: the same client is refused there too.
        var signed = ApiFactory.Signed(new TestKey(new byte[32]), HttpMethod.Post, "/api/v1/agents/gateway/register", "{\"dcId\":\"dc-a\"}");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(signed, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_dns_provider_failure_is_502_dns_update_failed()
    {
        using var cloudflare = WireMockServer.Start();
        cloudflare.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(400)
            .WithBodyAsJson(new { success = false, errors = new[] { new { code = 1003, message = "Invalid zone" } } }));
        await using var factory = new ApiFactory(new()
        {
            ["CF_API_TOKEN"] = "t",
            ["CF_ZONE_ID"] = "z",
            ["CF_API_BASE_URL"] = cloudflare.Url + "/client/v4",
        });
        var client = factory.CreateClient();
        var signer = await factory.JoinAsync(client, "pool-a");
        var register = await client.SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, "/api/v1/agents/gateway/register", "{\"dcId\":\"dc-lk\"}"), TestContext.Current.CancellationToken);
        using var creds = JsonDocument.Parse(await register.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var request = new HttpRequestMessage(HttpMethod.Post, Update) { Content = ApiFactory.Json($"{{\"subdomain\":\"dc-lk\",\"txt\":\"{Value}\"}}") };
        request.Headers.Add("X-Api-User", creds.RootElement.GetProperty("acmeDnsUsername").GetString());
        request.Headers.Add("X-Api-Key", creds.RootElement.GetProperty("acmeDnsPassword").GetString());
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"error\":\"dns_update_failed\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // The request that reached Cloudflare was the documented lookup with the bearer token.
        var sent = cloudflare.LogEntries[0].RequestMessage!;
        Assert.Equal(("GET", "/client/v4/zones/z/dns_records", "Bearer t"), (sent.Method, sent.Path, sent.Headers!["Authorization"].Single()));
    }
}
