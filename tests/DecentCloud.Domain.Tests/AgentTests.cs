using System.Text;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Tests;

public class AgentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AgentPublicKey Key = AgentPublicKey.FromHex(new string('a', 64)).Value;
    private static readonly ProviderId Provider = ProviderId.Create("provider-1").Value;

    private static string Nanos(DateTimeOffset at) => ((at - DateTimeOffset.UnixEpoch).Ticks * 100).ToString();

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(-299, true)]
    [InlineData(300, true)]
    [InlineData(-300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public void Timestamps_are_accepted_within_five_minutes(int offsetSeconds, bool accepted)
    {
        var request = new SignedRequest(Nanos(Now.AddSeconds(offsetSeconds)), Guid.NewGuid().ToString(), "POST", "/api/v1/x", Array.Empty<byte>());
        Assert.Equal(accepted, request.CheckFreshness(Now).IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("12.5")]
    [InlineData("1e18")]
    [InlineData("999999999999999999999")]
    [InlineData(" 1")]
    public void Malformed_timestamps_are_refused(string timestamp) =>
        Assert.True(new SignedRequest(timestamp, Guid.NewGuid().ToString(), "GET", "/", Array.Empty<byte>()).CheckFreshness(Now).IsFailed);

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("{6f9619ff-8b86-d011-b42d-00c04fc964ff}")]
    public void Nonces_must_be_uuids(string nonce) =>
        Assert.True(new SignedRequest(Nanos(Now), nonce, "GET", "/", Array.Empty<byte>()).CheckFreshness(Now).IsFailed);

    [Fact]
    public void Signing_message_is_timestamp_nonce_method_path_body()
    {
        var request = new SignedRequest("123", "n", "POST", "/api/v1/agents/gateway/register", Encoding.UTF8.GetBytes("{\"dcId\":\"dc-a\"}"));
        Assert.Equal("123nPOST/api/v1/agents/gateway/register{\"dcId\":\"dc-a\"}", Encoding.UTF8.GetString(request.SigningMessage()));
    }

    [Fact]
    public void Delegation_grants_only_its_permissions()
    {
        var delegation = AgentDelegation.Grant(Key, Provider, Guid.NewGuid(), AgentPermissions.Heartbeat, Now);
        Assert.True(delegation.Authorize(AgentPermissions.Heartbeat, Now).IsSuccess);
        var denied = delegation.Authorize(AgentPermissions.DnsManage, Now);
        Assert.Equal(ErrorKind.Forbidden, denied.FirstDomainError().Kind);
        Assert.Contains("dns_manage", denied.FirstDomainError().Message);
    }

    [Fact]
    public void Revoked_or_expired_delegations_are_unauthorized()
    {
        var revoked = AgentDelegation.Grant(Key, Provider, Guid.NewGuid(), AgentPermissions.All, Now);
        revoked.Revoke(Now);
        Assert.Equal(ErrorKind.Unauthorized, revoked.Authorize(AgentPermissions.Heartbeat, Now).FirstDomainError().Kind);

        var expiring = AgentDelegation.Grant(Key, Provider, Guid.NewGuid(), AgentPermissions.All, Now, Now.AddHours(1));
        Assert.True(expiring.Authorize(AgentPermissions.Heartbeat, Now.AddMinutes(59)).IsSuccess);
        Assert.Equal(ErrorKind.Unauthorized, expiring.Authorize(AgentPermissions.Heartbeat, Now.AddHours(1)).FirstDomainError().Kind);
    }

    [Fact]
    public void Setup_tokens_work_once_and_not_after_expiry()
    {
        var token = SetupToken.Issue(Guid.NewGuid(), [1, 2, 3], Guid.NewGuid(), AgentPermissions.All, Now, TimeSpan.FromHours(1));
        Assert.True(token.Consume(Key, Now).IsSuccess);
        Assert.True(token.Consume(Key, Now).IsFailed);

        var late = SetupToken.Issue(Guid.NewGuid(), [1, 2, 3], Guid.NewGuid(), AgentPermissions.All, Now, TimeSpan.FromHours(1));
        Assert.True(late.Consume(Key, Now.AddHours(1)).IsFailed);
        Assert.Null(late.ConsumedAt);
    }

    [Fact]
    public void Permission_names_round_trip_and_unknown_names_fail()
    {
        var parsed = AgentPermissionNames.Parse(["dns_manage", "heartbeat"]);
        Assert.Equal(AgentPermissions.DnsManage | AgentPermissions.Heartbeat, parsed.Value);
        Assert.Equal(["heartbeat", "dns_manage"], parsed.Value.ToNames());
        Assert.Equal(
            ["provision", "health_check", "heartbeat", "fetch_contracts", "dns_manage"],
            AgentPermissions.All.ToNames());
        Assert.True(AgentPermissionNames.Parse(["root"]).IsFailed);
    }

    [Theory]
    [InlineData("abc", false)]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000", false)]
    [InlineData("03A107BFF3CE10BE1D70DD18E74BC09967E4D6309BA50D5F1DDC8664125531B8", true)]
    public void Agent_keys_are_64_hex_chars(string hex, bool valid)
    {
        var key = AgentPublicKey.FromHex(hex);
        Assert.Equal(valid, key.IsSuccess);
        if (valid)
        {
            Assert.Equal(hex.ToLowerInvariant(), key.Value.Hex);
        }
    }

    [Theory]
    [InlineData("provider-1", true)]
    [InlineData("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    public void Provider_ids_are_restricted(string value, bool valid) => Assert.Equal(valid, ProviderId.Create(value).IsSuccess);

    [Fact]
    public void Accounts_belong_to_their_first_provider()
    {
        var dc = Gateways.DcId.Create("dc-lk").Value;
        var account = Gateways.AcmeDnsAccount.Open(dc, Provider, Guid.NewGuid(), [1], Now);
        var other = ProviderId.Create("provider-2").Value;
        var refused = account.Rotate(other, Guid.NewGuid(), [2], Now);
        Assert.Equal(ErrorKind.Conflict, refused.FirstDomainError().Kind);
        Assert.Equal([1], account.SecretHash);

        var username = Guid.NewGuid();
        Assert.True(account.Rotate(Provider, username, [3], Now).IsSuccess);
        Assert.Equal(username, account.Username);
        Assert.True(account.SecretMatches([3]));
        Assert.False(account.SecretMatches([1]));
        account.Revoke(Now);
        Assert.False(account.SecretMatches([3]));
    }
}
