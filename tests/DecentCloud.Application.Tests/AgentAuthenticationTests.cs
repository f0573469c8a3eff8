using System.Text;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Tests;

public class AgentAuthenticationTests
{
    private const string Path = "/api/v1/agents/gateway/register";
    private const string Host = "api.decent-cloud.test";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"dcId\":\"dc-lk\"}");

    private static async Task<AgentSigner> JoinAsync(AppHarness app, string pool = "pool-a", IReadOnlyList<string>? permissions = null)
    {
        var token = (await app.SendAsync(new CreateSetupToken(pool, null, permissions, null))).Value.Token;
        var key = new SetupKey();
        Assert.True((await app.SendAsync(key.Setup(token, app.Time.GetUtcNow()))).IsSuccess);
        return key.Signer;
    }

    private static AuthenticateAgentRequest Request(AgentSigner signer, DateTimeOffset now, AgentPermissions required, Guid? nonce = null, byte[]? body = null)
    {
        var h = signer.Sign("POST", new Uri("https://" + Host + Path), Body, now, nonce ?? Guid.NewGuid()).ToDictionary(x => x.Key, x => x.Value);
        return new AuthenticateAgentRequest(h["X-Agent-Pubkey"], h["X-Signature"],
            SignedRequest.V2(h["X-Timestamp"], h["X-Nonce"], "POST", Host, Path, string.Empty, body ?? Body), required, "192.0.2.1");
    }

    [Fact]
    public async Task A_signed_request_of_a_delegated_key_authenticates()
    {
        await using var app = await AppHarness.CreateAsync();
        var signer = await JoinAsync(app);
        var principal = await app.SendAsync(Request(signer, app.Time.GetUtcNow(), AgentPermissions.DnsManage));
        Assert.Equal(("pool-a", signer.PublicKeyHex), (principal.Value.ProviderId.Value, principal.Value.AgentKey.Hex));
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused()
    {
        await using var app = await AppHarness.CreateAsync();
        var signer = await JoinAsync(app);
        var request = Request(signer, app.Time.GetUtcNow(), AgentPermissions.DnsManage);
        Assert.True((await app.SendAsync(request)).IsSuccess);
        var replay = await app.SendAsync(request);
        Assert.Equal(ErrorKind.Unauthorized, replay.FirstDomainError().Kind);
        Assert.Contains("replayed_nonce", (await app.AuditAsync()).Select(a => a.Outcome));
    }

    [Fact]
    public async Task A_tampered_body_or_stale_timestamp_is_refused()
    {
        await using var app = await AppHarness.CreateAsync();
        var signer = await JoinAsync(app);
        var tampered = await app.SendAsync(Request(signer, app.Time.GetUtcNow(), AgentPermissions.DnsManage, body: Encoding.UTF8.GetBytes("{\"dcId\":\"dc-xx\"}")));
        Assert.Equal(ErrorKind.Unauthorized, tampered.FirstDomainError().Kind);
        var stale = await app.SendAsync(Request(signer, app.Time.GetUtcNow().AddMinutes(-6), AgentPermissions.DnsManage));
        Assert.Equal(ErrorKind.Unauthorized, stale.FirstDomainError().Kind);
    }

    [Fact]
    public async Task A_key_without_delegation_is_refused()
    {
        await using var app = await AppHarness.CreateAsync();
        var stranger = new AgentSigner(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var result = await app.SendAsync(Request(stranger, app.Time.GetUtcNow(), AgentPermissions.DnsManage));
        Assert.Equal(ErrorKind.Unauthorized, result.FirstDomainError().Kind);
    }

    [Fact]
    public async Task A_missing_permission_is_forbidden()
    {
        await using var app = await AppHarness.CreateAsync();
        var signer = await JoinAsync(app, permissions: ["heartbeat"]);
        var result = await app.SendAsync(Request(signer, app.Time.GetUtcNow(), AgentPermissions.DnsManage));
        Assert.Equal(ErrorKind.Forbidden, result.FirstDomainError().Kind);
    }

    [Fact]
    public async Task Setup_tokens_are_single_use_and_expire()
    {
        await using var app = await AppHarness.CreateAsync();
        var token = (await app.SendAsync(new CreateSetupToken("pool-a", "prov-1", null, TimeSpan.FromHours(1)))).Value;
        Assert.StartsWith("dcst_", token.Token);
        var key = new SetupKey(new byte[32]);
        Assert.True((await app.SendAsync(key.Setup(token.Token, app.Time.GetUtcNow()))).IsSuccess);
        Assert.Equal(ErrorKind.Unauthorized, (await app.SendAsync(key.Setup(token.Token, app.Time.GetUtcNow()))).FirstDomainError().Kind);

        var late = (await app.SendAsync(new CreateSetupToken("pool-a", null, null, TimeSpan.FromHours(1)))).Value;
        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ErrorKind.Unauthorized, (await app.SendAsync(key.Setup(late.Token, app.Time.GetUtcNow()))).FirstDomainError().Kind);
        Assert.Equal(ErrorKind.Unauthorized, (await app.SendAsync(key.Setup("dcst_unknown", app.Time.GetUtcNow()))).FirstDomainError().Kind);
    }

    [Fact]
    public async Task A_pool_keeps_its_provider()
    {
        await using var app = await AppHarness.CreateAsync();
        Assert.Equal("prov-1", (await app.SendAsync(new CreateSetupToken("pool-a", "prov-1", null, null))).Value.ProviderId.Value);
        var clash = await app.SendAsync(new CreateSetupToken("pool-a", "prov-2", null, null));
        Assert.Equal(ErrorKind.Conflict, clash.FirstDomainError().Kind);
        Assert.Equal(ErrorKind.Validation, (await app.SendAsync(new CreateSetupToken("Pool A", null, null, null))).FirstDomainError().Kind);
        Assert.Equal(ErrorKind.Validation, (await app.SendAsync(new CreateSetupToken("pool-b", null, ["root"], null))).FirstDomainError().Kind);
    }

    [Fact]
    public async Task A_revoked_delegation_is_refused_and_only_its_provider_or_an_operator_may_revoke()
    {
        await using var app = await AppHarness.CreateAsync();
        var signer = await JoinAsync(app, "pool-a");
        var stranger = await app.SendAsync(new RevokeAgentDelegation(ProviderId.Create("pool-b").Value, signer.PublicKeyHex, "x"));
        Assert.Equal(ErrorKind.NotFound, stranger.FirstDomainError().Kind);
        Assert.True((await app.SendAsync(Request(signer, app.Time.GetUtcNow(), AgentPermissions.DnsManage))).IsSuccess);

        Assert.True((await app.SendAsync(new RevokeAgentDelegation(ProviderId.Create("pool-a").Value, signer.PublicKeyHex, "x"))).IsSuccess);
        var refused = await app.SendAsync(Request(signer, app.Time.GetUtcNow(), AgentPermissions.DnsManage));
        Assert.Equal(ErrorKind.Unauthorized, refused.FirstDomainError().Kind);
        Assert.Equal(ErrorKind.NotFound, (await app.SendAsync(new RevokeAgentDelegation(null, new string('f', 64), "admin"))).FirstDomainError().Kind);
    }
}
