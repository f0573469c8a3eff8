using System.Globalization;
using System.Text;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>
/// The proof an agent sends with <c>POST /api/v1/agents/setup</c> that it holds the private half of the key it asks
/// to delegate: an Ed25519ph signature (context <c>decent-cloud</c>) by that key over <see cref="Message"/>, which binds
/// the key, a timestamp and the setup token (and through the token its pool and provider). A domain-separating prefix
/// keeps it from ever being mistaken for a signed API request.
/// </summary>
public static class AgentSetupProof
{
    /// <summary>The first line of every setup proof message.</summary>
    public const string Prefix = "decent-cloud/agent-setup/v1\n";

    /// <summary>Length of an Ed25519 signature in bytes.</summary>
    public const int SignatureSize = 64;

    /// <summary>How far the proof's timestamp may be from the server's clock either way.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The signed bytes: <c>Prefix ‖ agent key hex ‖ "\n" ‖ timestamp (unix ns, decimal) ‖ "\n" ‖ token</c>, UTF-8. The token
    /// comes last, after two fields that cannot hold a newline, so no two inputs give the same message.
    /// </summary>
    public static byte[] Message(AgentPublicKey agentKey, long timestampNs, string token)
    {
        ArgumentNullException.ThrowIfNull(agentKey);
        ArgumentNullException.ThrowIfNull(token);
        return Encoding.UTF8.GetBytes(Prefix + agentKey.Hex + "\n" + timestampNs.ToString(CultureInfo.InvariantCulture) + "\n" + token);
    }

    /// <summary>The signature bytes, if it is 128 hex characters and the timestamp is within <see cref="MaxSkew"/> of <paramref name="now"/>.</summary>
    public static Result<byte[]> Check(string? signatureHex, long timestampNs, DateTimeOffset now)
    {
        if (signatureHex is null || signatureHex.Length != SignatureSize * 2 || !signatureHex.All(Uri.IsHexDigit))
        {
            return Refused("the setup request must carry the agent key's signature (128 hex characters).");
        }

        var nowNs = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        var skewNs = MaxSkew.Ticks * 100;
        if (timestampNs < nowNs - skewNs || timestampNs > nowNs + skewNs)
        {
            return Refused("the setup request's timestamp is more than 5 minutes from the server's clock.");
        }

        return Convert.FromHexString(signatureHex);
    }

    /// <summary>The refusal of a missing, stale or wrong proof.</summary>
    public static Result<byte[]> Refused(string message) => Result.Fail<byte[]>(DomainErrors.Unauthorized(AgentSetupErrors.InvalidProof, message));
}

/// <summary>The error codes of agent setup.</summary>
public static class AgentSetupErrors
{
    /// <summary>The proof of possession is missing, stale or does not verify (401).</summary>
    public const string InvalidProof = "invalid_setup_proof";

    /// <summary>The key is delegated to another provider (409).</summary>
    public const string KeyTaken = "agent_key_taken";

    /// <summary>The key's delegation was revoked; it is never granted again (403).</summary>
    public const string KeyRevoked = "agent_key_revoked";
}
