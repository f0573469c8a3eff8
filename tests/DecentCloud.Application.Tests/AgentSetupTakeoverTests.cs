using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Tests;

/// <summary>A setup token never takes over an agent key that another provider holds or that was revoked, and needs the key's proof.</summary>
public class AgentSetupTakeoverTests
{
    private static async Task<string> TokenAsync(AppHarness app, string pool, string provider) =>
        (await app.SendAsync(new CreateSetupToken(pool, provider, null, null))).Value.Token;

    private static async Task<AgentDelegationView> DelegationAsync(AppHarness app, string key) =>
        Assert.Single((await app.SendAsync(new ListAgentDelegations(null))).Value, d => d.AgentPubkey == key);

    [Fact]
    public async Task Another_providers_token_does_not_rebind_an_agent_key()
    {
        await using var app = await AppHarness.CreateAsync();
        var a = new SetupKey();
        Assert.True((await app.SendAsync(a.Setup(await TokenAsync(app, "pool-a", "prov-a"), app.Time.GetUtcNow()))).IsSuccess);
        var tokenOfB = await TokenAsync(app, "pool-b", "prov-b");

        var takeover = await app.SendAsync(a.Setup(tokenOfB, app.Time.GetUtcNow()));

        Assert.True(takeover.IsFailed, "provider B's token re-bound provider A's agent key");
        Assert.Equal((ErrorKind.Conflict, AgentSetupErrors.KeyTaken), (takeover.FirstDomainError().Kind, takeover.FirstDomainError().Code));
        Assert.Equal("prov-a", (await DelegationAsync(app, a.PublicKeyHex)).ProviderId);
        Assert.True((await app.SendAsync(new SetupKey().Setup(tokenOfB, app.Time.GetUtcNow()))).IsSuccess, "the refused attempt must not have used up the token");
    }

    [Fact]
    public async Task A_revoked_key_is_not_granted_again()
    {
        await using var app = await AppHarness.CreateAsync();
        var a = new SetupKey();
        Assert.True((await app.SendAsync(a.Setup(await TokenAsync(app, "pool-a", "prov-a"), app.Time.GetUtcNow()))).IsSuccess);
        Assert.True((await app.SendAsync(new RevokeAgentDelegation(null, a.PublicKeyHex, "admin"))).IsSuccess);

        var again = await app.SendAsync(a.Setup(await TokenAsync(app, "pool-a", "prov-a"), app.Time.GetUtcNow()));

        Assert.True(again.IsFailed, "a fresh token cleared the key's revocation");
        Assert.Equal((ErrorKind.Forbidden, AgentSetupErrors.KeyRevoked), (again.FirstDomainError().Kind, again.FirstDomainError().Code));
        Assert.NotNull((await DelegationAsync(app, a.PublicKeyHex)).RevokedAt);
    }

    [Fact]
    public async Task The_same_provider_may_move_its_key_to_another_pool()
    {
        await using var app = await AppHarness.CreateAsync();
        var a = new SetupKey();
        Assert.True((await app.SendAsync(a.Setup(await TokenAsync(app, "pool-a", "prov-a"), app.Time.GetUtcNow()))).IsSuccess);

        var moved = await app.SendAsync(a.Setup(await TokenAsync(app, "pool-a2", "prov-a"), app.Time.GetUtcNow()));

        Assert.Equal("pool-a2", moved.Value.PoolName);
        Assert.Equal("prov-a", (await DelegationAsync(app, a.PublicKeyHex)).ProviderId);
    }

    [Fact]
    public async Task A_setup_without_a_valid_proof_is_refused_and_uses_nothing()
    {
        await using var app = await AppHarness.CreateAsync();
        var a = new SetupKey();
        var token = await TokenAsync(app, "pool-a", "prov-a");
        var other = await TokenAsync(app, "pool-a", "prov-a");
        var now = app.Time.GetUtcNow();

        var refusals = new[]
        {
            new SetupAgent(token, a.PublicKeyHex, null),
            a.Setup(token, now, signedToken: other),
            a.Setup(token, now - TimeSpan.FromMinutes(6)),
            a.Setup(token, now + TimeSpan.FromMinutes(6)),
            a.Setup(token, now, keyHex: new SetupKey().PublicKeyHex),
            a.Setup(token, now) with { Signature = new string('0', 128) },
        };
        foreach (var refused in refusals)
        {
            var result = await app.SendAsync(refused);
            Assert.Equal((ErrorKind.Unauthorized, AgentSetupErrors.InvalidProof), (result.FirstDomainError().Kind, result.FirstDomainError().Code));
        }

        Assert.Empty((await app.SendAsync(new ListAgentDelegations(null))).Value);
        Assert.True((await app.SendAsync(a.Setup(token, now - TimeSpan.FromMinutes(4)))).IsSuccess);
    }
}
