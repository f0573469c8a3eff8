using System.Net;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;

namespace DecentCloud.Api.Tests;

public sealed class AgentRouteTests : ApiRouteTest
{
    private const string Register = "/api/v1/agents/gateway/register";
    private static readonly string Value = new('b', 43);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body, string? Type)> SendAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpStatusCode> UpdateAsync(JsonElement creds)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/acme-dns/update") { Content = ApiFactory.Json($"{{\"subdomain\":\"{creds.GetProperty("acmeDnsSubdomain").GetString()}\",\"txt\":\"{Value}\"}}") };
        request.Headers.Add("X-Api-User", creds.GetProperty("acmeDnsUsername").GetString());
        request.Headers.Add("X-Api-Key", creds.GetProperty("acmeDnsPassword").GetString());
        return (await Client.SendAsync(request, Ct)).StatusCode;
    }

    [Fact]
    public async Task Setup_then_register_returns_the_documented_credentials()
    {
        var signer = await Factory.JoinAsync(Client, "pool-a");
        var (status, body, _) = await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            ["acmeDnsServerUrl", "acmeDnsUsername", "acmeDnsPassword", "acmeDnsSubdomain", "fullDomain", "wildcard", "gwPrefix", "domain"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://api.decent-cloud.test/api/v1/acme-dns", body.GetProperty("acmeDnsServerUrl").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("acmeDnsUsername").GetString(), out _));
        Assert.Equal("_acme-challenge.dc-lk.gw.decent-cloud.org", body.GetProperty("fullDomain").GetString());
        Assert.Equal("*.dc-lk.gw.decent-cloud.org", body.GetProperty("wildcard").GetString());
        Assert.Equal(HttpStatusCode.OK, await UpdateAsync(body));
    }

    [Fact]
    public async Task Rotation_kills_the_old_credentials()
    {
        var signer = await Factory.JoinAsync(Client, "pool-a");
        var first = (await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"))).Body;
        var second = (await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"))).Body;
        Assert.Equal(HttpStatusCode.Unauthorized, await UpdateAsync(first));
        Assert.Equal(HttpStatusCode.OK, await UpdateAsync(second));
    }

    [Fact]
    public async Task Another_provider_gets_409_and_changes_nothing()
    {
        var owner = await Factory.JoinAsync(Client, "pool-a");
        var creds = (await SendAsync(ApiFactory.Signed(owner, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"))).Body;
        var intruder = await Factory.JoinAsync(Client, "pool-b");
        var (status, problem, type) = await SendAsync(ApiFactory.Signed(intruder, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"));
        Assert.Equal((HttpStatusCode.Conflict, "application/problem+json"), (status, type));
        Assert.Equal("dc_id_taken", problem.GetProperty("code").GetString());
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, await UpdateAsync(creds));
    }

    [Fact]
    public async Task Missing_permission_is_403()
    {
        var signer = await Factory.JoinAsync(Client, "pool-a", permissions: ["heartbeat"]);
        var (status, problem, _) = await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("missing_permission", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bad_signatures_stale_requests_and_replays_are_401()
    {
        var signer = await Factory.JoinAsync(Client, "pool-a");

        var tampered = ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}");
        tampered.Content = ApiFactory.Json("{\"dcId\":\"dc-xx\"}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(tampered)).Status);

        var stranger = new TestKey(new byte[32]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(ApiFactory.Signed(stranger, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"))).Status);

        var stale = ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}", at: DateTimeOffset.UtcNow.AddMinutes(-6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(stale)).Status);

        var nonce = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}", nonce))).Status);
        var (status, problem, _) = await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}", nonce));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_signature", problem.GetProperty("code").GetString());

        var unsigned = new HttpRequestMessage(HttpMethod.Post, Register) { Content = ApiFactory.Json("{\"dcId\":\"dc-lk\"}") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(unsigned)).Status);
    }

    [Fact]
    public async Task A_revoked_delegation_is_401()
    {
        var signer = await Factory.JoinAsync(Client, "pool-a");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"))).Status);
        Assert.True((await Factory.SendAsync(new Application.Agents.RevokeAgentDelegation(null, signer.PublicKeyHex, "admin"))).IsSuccess);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"))).Status);
    }

    [Theory]
    [InlineData("{\"dcId\":\"hz-1\"}", "reserved_dc_id")]
    [InlineData("{\"dcId\":\"DC\"}", "invalid_dc_id")]
    [InlineData("{\"dcId\":\"dc-lk\",\"more\":1}", "invalid_json")]
    [InlineData("{}", "invalid_dc_id")]
    [InlineData("nope", "invalid_json")]
    public async Task Invalid_registrations_are_400_problems(string body, string code)
    {
        var signer = await Factory.JoinAsync(Client, "pool-a");
        var (status, problem, type) = await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, body));
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json", code), (status, type, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Without_api_public_url_registration_is_503()
    {
        await using var factory = new ApiFactory(new() { ["API_PUBLIC_URL"] = "" });
        var client = factory.CreateClient();
        var signer = await factory.JoinAsync(client, "pool-a");
        var response = await client.SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Setup_refuses_bad_tokens_and_keys()
    {
        var key = new TestKey(new byte[32]).PublicKeyHex;
        var unknown = await Client.PostAsync("/api/v1/agents/setup", ApiFactory.Json($"{{\"token\":\"dcst_nope\",\"agentPubkey\":\"{key}\"}}"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var badKey = await Client.PostAsync("/api/v1/agents/setup", ApiFactory.Json("{\"token\":\"dcst_nope\",\"agentPubkey\":\"xyz\"}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        var text = await Client.PostAsync("/api/v1/agents/setup", new StringContent("{}"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task Providers_list_and_revoke_their_credentials_without_seeing_secrets()
    {
        var signer = await Factory.JoinAsync(Client, "pool-a");
        var creds = (await SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"))).Body;
        var (status, list, _) = await SendAsync(ApiFactory.Signed(signer, HttpMethod.Get, "/api/v1/agents/gateway/credentials"));
        Assert.Equal(HttpStatusCode.OK, status);
        var entry = Assert.Single(list.EnumerateArray());
        Assert.Equal("dc-lk", entry.GetProperty("dcId").GetString());
        Assert.DoesNotContain(creds.GetProperty("acmeDnsPassword").GetString()!, list.GetRawText());

        var other = await Factory.JoinAsync(Client, "pool-b");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(ApiFactory.Signed(other, HttpMethod.Delete, "/api/v1/agents/gateway/credentials/dc-lk"))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(ApiFactory.Signed(signer, HttpMethod.Delete, "/api/v1/agents/gateway/credentials/dc-lk"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await UpdateAsync(creds));
    }

    [Fact]
    public async Task Vm_a_records_need_the_dc_id_owner()
    {
        var owner = await Factory.JoinAsync(Client, "pool-a", "prov-a");
        await SendAsync(ApiFactory.Signed(owner, HttpMethod.Post, Register, "{\"dcId\":\"dc-lk\"}"));
        var user = new TestUser();
        await Protocol.RegisterAsync(Client, user);
        var contract = await Protocol.PaidContractAsync(Factory, Client, user, "prov-a", "pool-a");
        var body = $"{{\"action\":\"create\",\"dcId\":\"dc-lk\",\"slug\":\"k7m2p4\",\"ipv4\":\"203.0.113.7\",\"contractId\":\"{contract}\"}}";
        var other = await Factory.JoinAsync(Client, "pool-b");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ApiFactory.Signed(other, HttpMethod.Post, "/api/v1/agents/dns", body))).Status);
        var (status, reply, _) = await SendAsync(ApiFactory.Signed(owner, HttpMethod.Post, "/api/v1/agents/dns", body));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("k7m2p4.dc-lk.gw.decent-cloud.org", reply.GetProperty("fqdn").GetString());
        Assert.Equal(300, reply.GetProperty("ttl").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(ApiFactory.Signed(owner, HttpMethod.Post, "/api/v1/agents/dns", "{\"action\":\"upsert\",\"dcId\":\"dc-lk\",\"slug\":\"k7m2p4\"}"))).Status);
    }

    [Fact]
    public async Task Health_and_openapi_are_served()
    {
        Assert.Equal("{\"status\":\"ok\"}", await Client.GetStringAsync("/health", Ct));
        using var openApi = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json", Ct));
        var paths = openApi.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/acme-dns/update", "/api/v1/agents/setup", Register, "/api/v1/agents/gateway/credentials", "/api/v1/agents/dns" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }
}
