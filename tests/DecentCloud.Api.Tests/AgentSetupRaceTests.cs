using System.Net;
using System.Text.Json;
using DecentCloud.Api.Client;
using DecentCloud.Application.Agents;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>One key set up at the same moment with several providers' tokens ends with exactly one provider, on both databases.</summary>
public sealed class AgentSetupRaceTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Concurrent_setups_of_one_key_with_different_providers_grant_exactly_one(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var client = api.Factory.CreateClient();
        var key = TestKey.Random();
        var tokens = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            tokens.Add((await api.Factory.SendAsync(new CreateSetupToken($"pool-{i}", $"prov-{i}", null, null))).Value.Token);
        }

        var requests = await Task.WhenAll(tokens.Select(async t => JsonSerializer.Serialize(
            await AgentSetupRequest.CreateAsync(key, t, DateTimeOffset.UtcNow, Ct), DecentCloudApiJson.Strict)));
        var replies = await Task.WhenAll(requests.Select(body =>
            SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/v1/agents/setup") { Content = ApiFactory.Json(body) })));

        var granted = Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Contains(r.Status, new[] { HttpStatusCode.Conflict, HttpStatusCode.Unauthorized }));
        var winner = granted.Body.GetProperty("providerId").GetString();
        var delegation = Assert.Single((await api.Factory.SendQueryAsync(new ListAgentDelegations(null))).Value);
        Assert.Equal((key.PublicKeyHex, winner), (delegation.AgentPubkey, delegation.ProviderId));
    }
}
