using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Tests;

public class AgentSetupRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AgentPublicKey Key = AgentPublicKey.FromHex(new string('a', 64)).Value;
    private static readonly ProviderId ProviderA = ProviderId.Create("prov-a").Value;
    private static readonly ProviderId ProviderB = ProviderId.Create("prov-b").Value;

    [Fact]
    public void A_delegation_is_never_regranted_to_another_provider_nor_after_revocation()
    {
        var delegation = AgentDelegation.Grant(Key, ProviderA, Guid.NewGuid(), AgentPermissions.All, T0);
        var poolA = delegation.PoolId;

        Assert.Equal(AgentSetupErrors.KeyTaken, delegation.Regrant(ProviderB, Guid.NewGuid(), AgentPermissions.All, T0, null).FirstDomainError().Code);
        Assert.Equal((ProviderA, poolA), (delegation.ProviderId, delegation.PoolId));

        var otherPool = Guid.NewGuid();
        Assert.True(delegation.Regrant(ProviderA, otherPool, AgentPermissions.Heartbeat, T0, null).IsSuccess);
        Assert.Equal((otherPool, AgentPermissions.Heartbeat), (delegation.PoolId, delegation.Permissions));

        delegation.Revoke(T0);
        var again = delegation.Regrant(ProviderA, otherPool, AgentPermissions.All, T0.AddDays(1), null);
        Assert.Equal((ErrorKind.Forbidden, AgentSetupErrors.KeyRevoked), (again.FirstDomainError().Kind, again.FirstDomainError().Code));
        Assert.False(delegation.IsActive(T0.AddDays(1)));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("abc", 0)]
    [InlineData("zz", 0)]
    [InlineData("ok", -301)]
    [InlineData("ok", 301)]
    public void A_setup_proof_needs_a_64_byte_signature_and_a_fresh_timestamp(string? signature, int offsetSeconds)
    {
        var hex = signature == "ok" ? new string('1', 128) : signature == "zz" ? new string('z', 128) : signature;
        var at = (T0.AddSeconds(offsetSeconds) - DateTimeOffset.UnixEpoch).Ticks * 100;

        var checkedProof = AgentSetupProof.Check(hex, at, T0);

        Assert.Equal((ErrorKind.Unauthorized, AgentSetupErrors.InvalidProof), (checkedProof.FirstDomainError().Kind, checkedProof.FirstDomainError().Code));
        Assert.Equal(64, AgentSetupProof.Check(new string('1', 128), (T0.AddSeconds(299) - DateTimeOffset.UnixEpoch).Ticks * 100, T0).Value.Length);
    }

    [Fact]
    public void The_setup_message_is_domain_separated_and_binds_key_time_and_token()
    {
        var message = System.Text.Encoding.UTF8.GetString(AgentSetupProof.Message(Key, 42, "dcst_x"));
        Assert.Equal($"decent-cloud/agent-setup/v1\n{Key.Hex}\n42\ndcst_x", message);
        Assert.NotEqual(AgentSetupProof.Message(Key, 42, "dcst_x"), AgentSetupProof.Message(Key, 42, "dcst_y"));
    }
}
