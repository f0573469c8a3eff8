using System.Net;
using System.Text.Json;
using DecentCloud.Api.Client;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>The provider's self-service routes: device-signed, need a provider profile, never reach another provider's things.</summary>
public sealed class ProviderSelfServiceRouteTests : ApiRouteTest
{
    private const string Profile = """{"name":"Acme Hosting","country":"DE","email":"ops@acme.example"}""";

    private static readonly (HttpMethod Method, string Path, string? Body)[] Routes =
    [
        (HttpMethod.Get, "/api/v1/providers/me/pools", null),
        (HttpMethod.Post, "/api/v1/providers/me/pools", """{"name":"pool-z"}"""),
        (HttpMethod.Get, "/api/v1/providers/me/setup-tokens", null),
        (HttpMethod.Post, "/api/v1/providers/me/setup-tokens", """{"pool":"pool-z"}"""),
        (HttpMethod.Delete, $"/api/v1/providers/me/setup-tokens/{Guid.Empty}", null),
        (HttpMethod.Get, "/api/v1/providers/me/agents", null),
        (HttpMethod.Put, $"/api/v1/providers/me/agents/{new string('a', 64)}/label", """{"label":"x"}"""),
        (HttpMethod.Post, $"/api/v1/providers/me/agents/{new string('a', 64)}/revoke", null),
        (HttpMethod.Get, "/api/v1/providers/me/contracts", null),
        (HttpMethod.Post, $"/api/v1/providers/me/contracts/{new string('c', 64)}/accept", null),
        (HttpMethod.Post, $"/api/v1/providers/me/contracts/{new string('c', 64)}/reject", """{"reason":"no"}"""),
    ];

    [Fact]
    public async Task Every_route_is_401_unsigned_and_409_for_an_account_without_a_provider_profile()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        foreach (var (method, path, body) in Routes)
        {
            using var unsigned = new HttpRequestMessage(method, path) { Content = body is null ? null : ApiFactory.Json(body) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, unsigned)).Status);
            var (status, problem) = await SendAsync(Client, user.Signed(method, path, body));
            Assert.Equal((HttpStatusCode.Conflict, "provider_profile_required"), (status, problem.GetProperty("code").GetString()));
        }
    }

    [Fact]
    public async Task Another_providers_pool_token_agent_and_contract_are_404()
    {
        var (owner, ownerId) = await ProviderAsync();
        var (other, _) = await ProviderAsync();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(Client, owner.Signed(HttpMethod.Post, "/api/v1/providers/me/pools", """{"name":"pool-own"}"""))).Status);
        var (_, token) = await SendAsync(Client, owner.Signed(HttpMethod.Post, "/api/v1/providers/me/setup-tokens", """{"pool":"pool-own"}"""));
        var agent = await Factory.JoinAsync(Client, "pool-own", ownerId);
        var renter = new TestUser();
        await RegisterAsync(Client, renter);
        var (_, contract) = await SendAsync(Client, renter.Signed(HttpMethod.Post, "/api/v1/contracts", RequestBody(ownerId, "pool-own")));
        var contractId = contract.GetProperty("contractId").GetString();

        foreach (var (request, code) in new[]
        {
            (other.Signed(HttpMethod.Post, "/api/v1/providers/me/setup-tokens", """{"pool":"pool-own"}"""), "pool_not_found"),
            (other.Signed(HttpMethod.Delete, $"/api/v1/providers/me/setup-tokens/{token.GetProperty("id").GetString()}"), "setup_token_not_found"),
            (other.Signed(HttpMethod.Put, $"/api/v1/providers/me/agents/{agent.PublicKeyHex}/label", """{"label":"mine"}"""), "agent_not_found"),
            (other.Signed(HttpMethod.Post, $"/api/v1/providers/me/agents/{agent.PublicKeyHex}/revoke"), "agent_not_found"),
            (other.Signed(HttpMethod.Post, $"/api/v1/providers/me/contracts/{contractId}/accept"), "contract_not_found"),
            (other.Signed(HttpMethod.Post, $"/api/v1/providers/me/contracts/{contractId}/reject", """{"reason":"mine"}"""), "contract_not_found"),
        })
        {
            var (status, problem) = await SendAsync(Client, request);
            Assert.Equal((HttpStatusCode.NotFound, code), (status, problem.GetProperty("code").GetString()));
        }

        foreach (var list in new[] { "pools", "setup-tokens", "agents" })
        {
            Assert.Equal(0, (await SendAsync(Client, other.Signed(HttpMethod.Get, $"/api/v1/providers/me/{list}"))).Body.GetArrayLength());
        }

        Assert.Equal(0, (await SendAsync(Client, other.Signed(HttpMethod.Get, "/api/v1/providers/me/contracts"))).Body.GetProperty("items").GetArrayLength());
        var (_, mine) = await SendAsync(Client, owner.Signed(HttpMethod.Get, "/api/v1/providers/me/contracts?state=requested"));
        Assert.Equal(contractId, Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("contractId").GetString());
    }

    [Fact]
    public async Task The_client_package_reaches_every_route_and_a_revoked_agent_is_cut_off()
    {
        var (owner, ownerId) = await ProviderAsync();
        await using var services = Factory.ClientServices(device: owner.Device);
        var account = services.GetRequiredService<IAccountApi>();

        var pool = await account.CreatePoolAsync(new PoolCreation("pool-c"), Ct);
        Assert.Equal([pool], await account.ListPoolsAsync(Ct));
        var created = await account.CreateSetupTokenAsync(new SetupTokenRequest("pool-c", LifetimeSeconds: 600), Ct);
        Assert.Equal(created.Id, Assert.Single(await account.ListSetupTokensAsync(Ct)).Id);
        await account.RevokeSetupTokenAsync(created.Id, Ct);
        Assert.Empty(await account.ListSetupTokensAsync(Ct));
        Assert.Equal("invalid_lifetime",
            (await Assert.ThrowsAsync<DecentCloudApiException>(() => account.CreateSetupTokenAsync(new SetupTokenRequest("pool-c", LifetimeSeconds: 0), Ct))).Code);

        var agent = await Factory.JoinAsync(Client, "pool-c", ownerId);
        await account.LabelAgentAsync(agent.PublicKeyHex, new AgentLabel("rack-1"), Ct);
        Assert.Equal("rack-1", Assert.Single(await account.ListAgentsAsync(Ct)).Label);
        Assert.Equal(HttpStatusCode.OK, await PendingAsync(agent, ownerId));
        await account.RevokeAgentAsync(agent.PublicKeyHex, Ct);
        Assert.NotNull(Assert.Single(await account.ListAgentsAsync(Ct)).RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, await PendingAsync(agent, ownerId));

        var renter = new TestUser();
        await RegisterAsync(Client, renter);
        await using var renterServices = Factory.ClientServices(device: renter.Device);
        var renterApi = renterServices.GetRequiredService<IAccountApi>();
        var first = await renterApi.RequestContractAsync(SmallContract(ownerId, "pool-c"), Ct);
        var second = await renterApi.RequestContractAsync(SmallContract(ownerId, "pool-c"), Ct);

        var accepted = await account.AcceptContractAsync(first.ContractId, Ct);
        Assert.Equal("accepted", accepted.State);
        Assert.NotNull(accepted.RespondedAt);
        Assert.InRange(accepted.ResponseTimeSeconds!.Value, 0, 600);
        var rejected = await account.RejectContractAsync(second.ContractId, new ContractRejection("sold out"), Ct);
        Assert.Equal("rejected", rejected.State);
        Assert.Equal("contract_already_decided",
            (await Assert.ThrowsAsync<DecentCloudApiException>(() => account.AcceptContractAsync(second.ContractId, Ct))).Code);

        var page = await account.ListProviderContractsAsync(limit: 1, cancellationToken: Ct);
        Assert.Equal((second.ContractId, 1), (Assert.Single(page.Items).ContractId, page.NextOffset));
        Assert.Equal(first.ContractId, Assert.Single((await account.ListProviderContractsAsync(state: "accepted", cancellationToken: Ct)).Items).ContractId);
        Assert.Equal("sold out", (await renterApi.GetContractAsync(second.ContractId, Ct)).History[^1].Reason);
    }

    private async Task<(TestUser User, string ProviderId)> ProviderAsync()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var (status, profile) = await SendAsync(Client, user.Signed(HttpMethod.Put, "/api/v1/providers/me/profile", Profile));
        Assert.Equal(HttpStatusCode.OK, status);
        return (user, profile.GetProperty("providerId").GetString()!);
    }

    private async Task<HttpStatusCode> PendingAsync(TestKey agent, string provider) =>
        (await SendAsync(Client, ApiFactory.Signed(agent, HttpMethod.Get, $"/api/v1/providers/{provider}/contracts/pending-provision"))).Status;

    private static string RequestBody(string provider, string pool) => JsonSerializer.Serialize(SmallContract(provider, pool), DecentCloudApiJson.Strict);
}
