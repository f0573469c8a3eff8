using System.Net;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Domain.Agents;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>Values longer than their columns are refused with 400 and store nothing, on SQLite and on PostgreSQL alike.</summary>
public sealed class DeclaredLengthRouteTests
{
    private const string Provider = "prov-1";
    private const string Pool = "pool-1";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_oversize_heartbeat_is_400_and_stores_nothing(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var client = api.Factory.CreateClient();
        var agent = await api.Factory.JoinAsync(client, Pool, Provider);
        var resources = $"{{\"note\":\"{new string('r', 9000)}\"}}";
        var types = string.Join(',', Enumerable.Range(0, 40).Select(i => $"\"backend-type-{i:D2}\""));

        foreach (var beat in new[]
        {
            $"{{\"version\":\"1.0.0\",\"provisionerTypes\":[\"hetzner\"],\"activeContracts\":0,\"resources\":{resources}}}",
            $"{{\"version\":\"1.0.0\",\"provisionerTypes\":[\"hetzner\"],\"activeContracts\":0,\"bandwidth\":{resources}}}",
            $"{{\"version\":\"1.0.0\",\"provisionerTypes\":[{types}],\"activeContracts\":0}}",
            $"{{\"version\":\"{new string('9', 65)}\",\"provisionerTypes\":[\"hetzner\"],\"activeContracts\":0}}",
        })
        {
            var (status, _) = await SendAsync(client, ApiFactory.Signed(agent, HttpMethod.Post, $"/api/v1/providers/{Provider}/heartbeat", beat));
            Assert.Equal(HttpStatusCode.BadRequest, status);
        }

        await using var scope = api.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IAgentHeartbeatStore>().FindAsync(AgentPublicKey.FromHex(agent.PublicKeyHex).Value, Ct);
        Assert.Null(stored);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Oversize_instance_details_are_400_and_change_nothing(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var client = api.Factory.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);
        var agent = await api.Factory.JoinAsync(client, Pool, Provider);
        var id = await PaidContractAsync(api.Factory, client, user, Provider, Pool);
        await SendAsync(client, ApiFactory.Signed(agent, HttpMethod.Post, $"/api/v1/providers/{Provider}/contracts/{id}/lock"));
        var report = $$$"""
            {"status":"provisioned","externalId":"srv-1","instance":{"ipv4":"203.0.113.7","details":{"name":"{{{new string('n', 9000)}}}"}},
             "loginUser":"root","credentials":{{{Envelope(user, id, "first-password-0123456789")}}}}
            """;

        var (status, _) = await SendAsync(client, ApiFactory.Signed(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", report));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var contract = (await SendAsync(client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        Assert.Equal("accepted", contract.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, contract.GetProperty("credentialEnvelope").ValueKind);
    }
}
