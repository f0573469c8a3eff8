using System.Net;
using System.Text.Json;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>
/// Pools of one provider are isolated on every agent-protocol write: an agent of pool-2 is told a pool-1
/// contract does not exist, on each route, and the contract is left as it was.
/// </summary>
public sealed class AgentPoolIsolationTests : ApiRouteTest
{
    private const string Provider = "prov-1";
    private const string Base = "/api/v1/providers/prov-1";
    private async Task<(TestUser User, string Id, TestKey Own, TestKey Foreign)> ContractOfPoolOneAsync()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var own = await Factory.JoinAsync(Client, "pool-1", Provider);
        var foreign = await Factory.JoinAsync(Client, "pool-2", Provider);
        var id = await PaidContractAsync(Factory, Client, user, Provider, "pool-1");
        return (user, id, own, foreign);
    }

    private async Task<JsonElement> ContractAsync(TestUser user, string id) =>
        (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;

    [Fact]
    public async Task An_agent_of_another_pool_cannot_lease_a_contract()
    {
        var (user, id, own, foreign) = await ContractOfPoolOneAsync();

        var (status, problem) = await AgentAsync(foreign, HttpMethod.Post, $"{Base}/contracts/{id}/lock");

        Assert.Equal((HttpStatusCode.NotFound, "contract_not_found"), (status, problem.TryGetProperty("code", out var code) ? code.GetString() : problem.GetRawText()));
        Assert.True((await AgentAsync(own, HttpMethod.Post, $"{Base}/contracts/{id}/lock")).Body.GetProperty("acquired").GetBoolean());
        Assert.Equal("accepted", (await ContractAsync(user, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_agent_of_another_pool_cannot_release_report_or_fail_a_contract()
    {
        var (user, id, own, foreign) = await ContractOfPoolOneAsync();
        Assert.True((await AgentAsync(own, HttpMethod.Post, $"{Base}/contracts/{id}/lock")).Body.GetProperty("acquired").GetBoolean());

        Assert.Equal(HttpStatusCode.NotFound, (await AgentAsync(foreign, HttpMethod.Delete, $"{Base}/contracts/{id}/lock")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await AgentAsync(foreign, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", "{\"status\":\"provisioning\"}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await AgentAsync(foreign, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", "{\"status\":\"provisioning_failed\",\"reason\":\"x\"}")).Status);

        // The rightful holder still holds the lease: releasing it from the other pool did nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(own, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", "{\"status\":\"provisioning\"}")).Status);
        Assert.Equal("provisioning", (await ContractAsync(user, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_agent_of_another_pool_cannot_report_health_termination_or_a_password_reset()
    {
        var (user, id, own, foreign) = await ContractOfPoolOneAsync();
        await AgentAsync(own, HttpMethod.Post, $"{Base}/contracts/{id}/lock");
        var provisioned = $$"""
            {"status":"provisioned","externalId":"srv-1","instance":{"ipv4":"203.0.113.7"},"loginUser":"root","credentials":{{Envelope(user, id, "first-password-0123456789")}}}
            """;
        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(own, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", provisioned)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(Client, user.Signed(HttpMethod.Post, $"/api/v1/contracts/{id}/reset-password"))).Status);

        var health = $"{{\"checkedAt\":\"{DateTimeOffset.UtcNow:O}\",\"status\":\"healthy\"}}";
        Assert.Equal(HttpStatusCode.NotFound, (await AgentAsync(foreign, HttpMethod.Post, $"/api/v1/contracts/{id}/health", health)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await AgentAsync(foreign, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/password", "{\"status\":\"failed\",\"reason\":\"no\"}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await AgentAsync(foreign, HttpMethod.Put, $"{Base}/contracts/{id}/terminated")).Status);

        var contract = await ContractAsync(user, id);
        Assert.Equal(("provisioned", "requested"), (contract.GetProperty("state").GetString(), contract.GetProperty("passwordReset").GetString()));
        Assert.Empty((await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}/health"))).Body.EnumerateArray());
    }

    [Fact]
    public async Task Reconcile_does_not_decide_for_another_pools_contract()
    {
        var (_, id, own, foreign) = await ContractOfPoolOneAsync();
        var running = $$"""{"instances":[{"externalId":"srv-1","contractId":"{{id}}","running":true}]}""";

        var mine = (await AgentAsync(own, HttpMethod.Post, $"{Base}/reconcile", running)).Body;
        var theirs = (await AgentAsync(foreign, HttpMethod.Post, $"{Base}/reconcile", running)).Body;

        Assert.Single(mine.GetProperty("keep").EnumerateArray());
        Assert.Empty(theirs.GetProperty("keep").EnumerateArray());
        Assert.Single(theirs.GetProperty("unknown").EnumerateArray());
    }
}
