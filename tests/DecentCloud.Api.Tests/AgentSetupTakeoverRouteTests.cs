using System.Net;
using System.Text.Json;
using DecentCloud.Application.Agents;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary><c>POST /api/v1/agents/setup</c> proves possession of the agent key and never re-grants a taken or revoked key.</summary>
public sealed class AgentSetupTakeoverRouteTests : ApiRouteTest
{
    private async Task<string> TokenAsync(string pool, string provider) =>
        (await Factory.SendAsync(new CreateSetupToken(pool, provider, null, null))).Value.Token;

    private Task<(HttpStatusCode Status, JsonElement Body)> PostSetupAsync(string json) =>
        SendAsync(Client, new HttpRequestMessage(HttpMethod.Post, "/api/v1/agents/setup") { Content = ApiFactory.Json(json) });

    private async Task<HttpStatusCode> PendingAsync(TestKey agent, string provider) =>
        (await SendAsync(Client, ApiFactory.Signed(agent, HttpMethod.Get, $"/api/v1/providers/{provider}/contracts/pending-provision"))).Status;

    [Fact]
    public async Task Another_providers_token_with_a_bare_public_key_does_not_take_the_key_over()
    {
        var victim = await Factory.JoinAsync(Client, "pool-a", "prov-a");
        var tokenOfB = await TokenAsync("pool-b", "prov-b");

        var (status, _) = await PostSetupAsync($"{{\"token\":\"{tokenOfB}\",\"agentPubkey\":\"{victim.PublicKeyHex}\"}}");

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, await PendingAsync(victim, "prov-a"));
        Assert.Equal(HttpStatusCode.Forbidden, await PendingAsync(victim, "prov-b"));
    }

    [Fact]
    public async Task A_bare_public_key_does_not_clear_a_revocation()
    {
        var agent = await Factory.JoinAsync(Client, "pool-a", "prov-a");
        Assert.True((await Factory.SendAsync(new RevokeAgentDelegation(null, agent.PublicKeyHex, "admin"))).IsSuccess);

        var (status, _) = await PostSetupAsync($"{{\"token\":\"{await TokenAsync("pool-a", "prov-a")}\",\"agentPubkey\":\"{agent.PublicKeyHex}\"}}");

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, await PendingAsync(agent, "prov-a"));
    }

    [Fact]
    public async Task A_key_of_another_provider_is_409_and_a_revoked_key_403_even_with_a_valid_proof()
    {
        var agent = await Factory.JoinAsync(Client, "pool-a", "prov-a");

        var taken = await PostSetupAsync(JsonSerializer.Serialize(
            await DecentCloud.Api.Client.AgentSetupRequest.CreateAsync(agent, await TokenAsync("pool-b", "prov-b"), DateTimeOffset.UtcNow, Ct),
            DecentCloud.Api.Client.DecentCloudApiJson.Strict));
        Assert.Equal((HttpStatusCode.Conflict, "agent_key_taken"), (taken.Status, taken.Body.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, await PendingAsync(agent, "prov-a"));

        Assert.True((await Factory.SendAsync(new RevokeAgentDelegation(null, agent.PublicKeyHex, "admin"))).IsSuccess);
        var revoked = await PostSetupAsync(JsonSerializer.Serialize(
            await DecentCloud.Api.Client.AgentSetupRequest.CreateAsync(agent, await TokenAsync("pool-a", "prov-a"), DateTimeOffset.UtcNow, Ct),
            DecentCloud.Api.Client.DecentCloudApiJson.Strict));
        Assert.Equal((HttpStatusCode.Forbidden, "agent_key_revoked"), (revoked.Status, revoked.Body.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, await PendingAsync(agent, "prov-a"));
    }

    [Fact]
    public async Task A_proof_made_for_another_token_or_long_ago_is_401()
    {
        var key = TestKey.Random();
        var token = await TokenAsync("pool-a", "prov-a");
        var forOther = await DecentCloud.Api.Client.AgentSetupRequest.CreateAsync(key, await TokenAsync("pool-a", "prov-a"), DateTimeOffset.UtcNow, Ct);
        var stale = await DecentCloud.Api.Client.AgentSetupRequest.CreateAsync(key, token, DateTimeOffset.UtcNow.AddMinutes(-10), Ct);

        foreach (var request in new[] { forOther with { Token = token }, stale })
        {
            var (status, problem) = await PostSetupAsync(JsonSerializer.Serialize(request, DecentCloud.Api.Client.DecentCloudApiJson.Strict));
            Assert.Equal((HttpStatusCode.Unauthorized, "invalid_setup_proof"), (status, problem.GetProperty("code").GetString()));
        }

        var fresh = await DecentCloud.Api.Client.AgentSetupRequest.CreateAsync(key, token, DateTimeOffset.UtcNow, Ct);
        Assert.Equal(HttpStatusCode.OK, (await PostSetupAsync(JsonSerializer.Serialize(fresh, DecentCloud.Api.Client.DecentCloudApiJson.Strict))).Status);
    }

    [Fact]
    public void TheClient_and_the_server_sign_the_same_setup_message()
    {
        var key = TestKey.Random();
        var domainKey = DecentCloud.Domain.Agents.AgentPublicKey.FromHex(key.PublicKeyHex).Value;
        Assert.Equal(
            DecentCloud.Domain.Agents.AgentSetupProof.Message(domainKey, 1_764_547_200_000_000_000, "dcst_abc"),
            DecentCloud.Api.Client.AgentSetupRequest.SigningMessage("dcst_abc", key.PublicKeyHex.ToUpperInvariant(), 1_764_547_200_000_000_000));
        Assert.Equal(
            "decent-cloud/agent-setup/v1\n" + key.PublicKeyHex + "\n1764547200000000000\ndcst_abc",
            System.Text.Encoding.UTF8.GetString(DecentCloud.Api.Client.AgentSetupRequest.SigningMessage("dcst_abc", key.PublicKeyHex, 1_764_547_200_000_000_000)));
    }
}
