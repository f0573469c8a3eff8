using System.Net;
using System.Text.Json;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>
/// Issue 11 through the real HTTP stack: <c>/api/v1/agents/dns</c> ties a VM's name to a live contract of the agent's
/// pool, refuses another provider's dc_id (403) and a slug in use (409 <c>slug_taken</c>), lists a gateway's names,
/// and the user's contract says where the provisioned machine is.
/// </summary>
public sealed class GatewayNameRouteTests : ApiRouteTest
{
    private const string Provider = "prov-1";
    private const string Pool = "pool-1";
    private const string Dns = "/api/v1/agents/dns";
    private const string Fqdn = "k7m2p4.dc-lk.gw.decent-cloud.org";
    private static string Name(string action, string slug, string? contract, string dcId = "dc-lk", string ip = "203.0.113.7") =>
        JsonSerializer.Serialize(new { action, dcId, slug, ipv4 = action == "create" ? ip : null, contractId = contract });

    private static (HttpStatusCode, string?) Problem((HttpStatusCode Status, JsonElement Body) reply) =>
        (reply.Status, reply.Body.ValueKind == JsonValueKind.Object && reply.Body.TryGetProperty("code", out var code) ? code.GetString() : null);

    private async Task<(TestKey Agent, TestUser User)> GatewayAsync(string provider, string pool, string dcId)
    {
        var agent = await Factory.JoinAsync(Client, pool, provider);
        Assert.Equal(HttpStatusCode.OK, (await AgentAsync(agent, HttpMethod.Post, "/api/v1/agents/gateway/register", $"{{\"dcId\":\"{dcId}\"}}")).Status);
        var user = new TestUser();
        await RegisterAsync(Client, user);
        return (agent, user);
    }

    [Fact]
    public async Task A_name_needs_a_live_contract_of_the_pool_and_a_slug_in_use_is_409_slug_taken()
    {
        var (agent, user) = await GatewayAsync(Provider, Pool, "dc-lk");
        var first = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        var second = await PaidContractAsync(Factory, Client, user, Provider, Pool);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_contract_id"), Problem(await AgentAsync(agent, HttpMethod.Post, Dns, Name("create", "k7m2p4", null))));
        Assert.Equal(HttpStatusCode.OK, (await AgentAsync(agent, HttpMethod.Post, Dns, Name("create", "k7m2p4", first))).Status);
        Assert.Equal(HttpStatusCode.OK, (await AgentAsync(agent, HttpMethod.Post, Dns, Name("create", "k7m2p4", first))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "slug_taken"), Problem(await AgentAsync(agent, HttpMethod.Post, Dns, Name("create", "k7m2p4", second, ip: "198.51.100.9"))));
        Assert.Equal((HttpStatusCode.Conflict, "slug_taken"), Problem(await AgentAsync(agent, HttpMethod.Post, Dns, Name("delete", "k7m2p4", second))));
        Assert.Equal((HttpStatusCode.NotFound, "contract_not_found"), Problem(await AgentAsync(agent, HttpMethod.Post, Dns, Name("create", "other1", new string('e', 64)))));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, user.Signed(HttpMethod.Post, $"/api/v1/contracts/{second}/cancel"))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "contract_not_live"), Problem(await AgentAsync(agent, HttpMethod.Post, Dns, Name("create", "other1", second))));

        var (status, list) = await AgentAsync(agent, HttpMethod.Get, $"{Dns}?dcId=dc-lk");
        Assert.Equal(HttpStatusCode.OK, status);
        var name = Assert.Single(list.EnumerateArray());
        Assert.Equal(["dcId", "slug", "fqdn", "ipv4", "contractId", "contractAlive", "updatedAt"], name.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("dc-lk", "k7m2p4", Fqdn, "203.0.113.7", first, true),
            (name.GetProperty("dcId").GetString(), name.GetProperty("slug").GetString(), name.GetProperty("fqdn").GetString(),
             name.GetProperty("ipv4").GetString(), name.GetProperty("contractId").GetString(), name.GetProperty("contractAlive").GetBoolean()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_dc_id"), Problem(await AgentAsync(agent, HttpMethod.Get, Dns)));
    }

    [Fact]
    public async Task Another_providers_agent_gets_403_for_create_change_delete_and_list_under_the_dc_id()
    {
        var (owner, user) = await GatewayAsync(Provider, Pool, "dc-lk");
        var contract = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        Assert.Equal(HttpStatusCode.OK, (await AgentAsync(owner, HttpMethod.Post, Dns, Name("create", "k7m2p4", contract))).Status);
        var (intruder, intruderUser) = await GatewayAsync("prov-2", "pool-2", "dc-zz");
        var own = await PaidContractAsync(Factory, Client, intruderUser, "prov-2", "pool-2");

        var create = await AgentAsync(intruder, HttpMethod.Post, Dns, Name("create", "newone", own));
        var change = await AgentAsync(intruder, HttpMethod.Post, Dns, Name("create", "k7m2p4", own, ip: "198.51.100.66"));
        var delete = await AgentAsync(intruder, HttpMethod.Post, Dns, Name("delete", "k7m2p4", null));
        var list = await AgentAsync(intruder, HttpMethod.Get, $"{Dns}?dcId=dc-lk");

        Assert.All([create, change, delete, list], r => Assert.Equal((HttpStatusCode.Forbidden, "dc_id_not_owned"), Problem(r)));
        var kept = Assert.Single((await AgentAsync(owner, HttpMethod.Get, $"{Dns}?dcId=dc-lk")).Body.EnumerateArray());
        Assert.Equal(("203.0.113.7", contract), (kept.GetProperty("ipv4").GetString(), kept.GetProperty("contractId").GetString()));
    }

    [Fact]
    public async Task The_provisioned_report_must_name_the_contracts_name_and_the_user_then_sees_where_the_machine_is()
    {
        var (agent, user) = await GatewayAsync(Provider, Pool, "dc-lk");
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        await AgentAsync(agent, HttpMethod.Post, $"/api/v1/providers/{Provider}/contracts/{id}/lock");
        string Report(string slug) => $$"""
            {"status":"provisioned","externalId":"srv-1","instance":{"ipv4":"10.0.0.5","publicIp":"203.0.113.7","sshPort":20022,"gatewaySlug":"{{slug}}","gatewaySubdomain":"{{slug}}.dc-lk.gw.decent-cloud.org"},
             "loginUser":"ubuntu","credentials":{{Envelope(user, id, "first-password-0123456789")}}}
            """;
        var provisioning = $"/api/v1/provider/rental-requests/{id}/provisioning";

        Assert.Equal((HttpStatusCode.BadRequest, "unknown_gateway_name"), Problem(await AgentAsync(agent, HttpMethod.Put, provisioning, Report("k7m2p4"))));
        var before = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        Assert.Equal(("accepted", JsonValueKind.Null), (before.GetProperty("state").GetString(), before.GetProperty("access").ValueKind));

        Assert.Equal(HttpStatusCode.OK, (await AgentAsync(agent, HttpMethod.Post, Dns, Name("create", "k7m2p4", id))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(agent, HttpMethod.Put, provisioning, Report("k7m2p4"))).Status);

        var access = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body.GetProperty("access");
        Assert.Equal(["httpsUrl", "sshHost", "sshPort", "loginUser"], access.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("https://" + Fqdn, Fqdn, 20022, "ubuntu"),
            (access.GetProperty("httpsUrl").GetString(), access.GetProperty("sshHost").GetString(), access.GetProperty("sshPort").GetInt32(), access.GetProperty("loginUser").GetString()));

        var cancelled = (await SendAsync(Client, user.Signed(HttpMethod.Post, $"/api/v1/contracts/{id}/cancel"))).Body;
        Assert.Equal(("cancelled", JsonValueKind.Null), (cancelled.GetProperty("state").GetString(), cancelled.GetProperty("access").ValueKind));
    }
}
