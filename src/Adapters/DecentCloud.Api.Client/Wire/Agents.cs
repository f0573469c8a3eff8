using System.Globalization;
using System.Text;

namespace DecentCloud.Api.Client;

/// <summary>
/// <c>POST /api/v1/agents/setup</c>: a one-time setup token, the agent's Ed25519 public key (hex), and the proof that the
/// caller holds that key: <see cref="Signature"/> over <see cref="SigningMessage"/> at <see cref="Timestamp"/>. Build it with
/// <see cref="CreateAsync"/>; a request without a valid proof is refused with 401.
/// </summary>
/// <param name="Token">The setup token an operator issued for a pool.</param>
/// <param name="AgentPubkey">The agent's public key, 64 hex characters.</param>
public sealed record AgentSetupRequest(string Token, string AgentPubkey)
{
    /// <summary>The first line of the signed message; it keeps a setup proof apart from every signed API request.</summary>
    public const string ProofPrefix = "decent-cloud/agent-setup/v1\n";

    /// <summary>When the proof was signed, unix nanoseconds; the API accepts 5 minutes either way.</summary>
    public long Timestamp { get; init; }

    /// <summary>The agent key's Ed25519ph signature (context <c>decent-cloud</c>, hex) of <see cref="SigningMessage"/>.</summary>
    public string? Signature { get; init; }

    /// <summary>
    /// The bytes the agent key signs: <c>"decent-cloud/agent-setup/v1\n" ‖ key hex (lower case) ‖ "\n" ‖ timestamp ‖ "\n" ‖ token</c>,
    /// UTF-8, so a proof made for one token, key or moment is worth nothing for another.
    /// </summary>
    public static byte[] SigningMessage(string token, string agentPubkeyHex, long timestampNs)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(agentPubkeyHex);
        return Encoding.UTF8.GetBytes(
            ProofPrefix + agentPubkeyHex.ToLowerInvariant() + "\n" + timestampNs.ToString(CultureInfo.InvariantCulture) + "\n" + token);
    }

    /// <summary>A setup request for <paramref name="signer"/>'s key, signed at <paramref name="now"/>.</summary>
    public static async ValueTask<AgentSetupRequest> CreateAsync(IRequestSigner signer, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(token);
        var key = Convert.ToHexStringLower(signer.PublicKey.Span);
        var timestamp = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        var signature = await signer.SignAsync(SigningMessage(token, key, timestamp), cancellationToken).ConfigureAwait(false);
        return new AgentSetupRequest(token, key) { Timestamp = timestamp, Signature = Convert.ToHexStringLower(signature) };
    }

    /// <summary>Leaves the token out, so a logged request cannot be replayed.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AgentPubkey = ").Append(AgentPubkey).Append(", Timestamp = ").Append(Timestamp);
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
