using System.Text;

namespace DecentCloud.Api.Client;

/// <summary><c>POST /api/v1/agents/setup</c>: a one-time setup token and the agent's Ed25519 public key (hex).</summary>
/// <param name="Token">The setup token an operator issued for a pool.</param>
/// <param name="AgentPubkey">The agent's public key, 64 hex characters.</param>
public sealed record AgentSetupRequest(string Token, string AgentPubkey)
{
    /// <summary>Leaves the token out, so a logged request cannot be replayed.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AgentPubkey = ").Append(AgentPubkey);
        return true;
    }
}

/// <summary>The delegation an agent holds after setup.</summary>
/// <param name="AgentPubkey">The agent's public key (hex).</param>
/// <param name="ProviderId">The provider the pool belongs to.</param>
/// <param name="PoolId">The pool's id.</param>
/// <param name="PoolName">The pool's name.</param>
/// <param name="Permissions">Granted permissions (<c>dns_manage</c>, <c>fetch_contracts</c>, <c>provision</c>, <c>heartbeat</c>, <c>health_check</c>).</param>
/// <param name="ExpiresAt">When the delegation ends, or <c>null</c> for never.</param>
/// <param name="GwPrefix">The label gateways live under (<c>gw</c> in production).</param>
/// <param name="Domain">The zone apex.</param>
public sealed record AgentSetupReply(
    string AgentPubkey, string ProviderId, Guid PoolId, string PoolName, IReadOnlyList<string> Permissions, DateTimeOffset? ExpiresAt,
    string GwPrefix, string Domain);
