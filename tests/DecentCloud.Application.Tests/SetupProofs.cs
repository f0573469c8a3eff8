using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Tests;

/// <summary>An agent key that can prove possession in a setup request.</summary>
public sealed class SetupKey
{
    private readonly byte[] _seed;

    public SetupKey(byte[]? seed = null)
    {
        _seed = seed ?? RandomNumberGenerator.GetBytes(32);
        Signer = new AgentSigner(_seed);
    }

    public AgentSigner Signer { get; }

    public string PublicKeyHex => Signer.PublicKeyHex;

    /// <summary>A <see cref="SetupAgent"/> signed by this key at <paramref name="at"/> (for <paramref name="signedToken"/>, when it differs).</summary>
    public SetupAgent Setup(string token, DateTimeOffset at, string? clientAddress = null, string? signedToken = null, string? keyHex = null)
    {
        var timestamp = (at - DateTimeOffset.UnixEpoch).Ticks * 100;
        var message = AgentSetupProof.Message(AgentPublicKey.FromHex(PublicKeyHex).Value, timestamp, signedToken ?? token);
        return new SetupAgent(token, keyHex ?? PublicKeyHex, clientAddress) { Timestamp = timestamp, Signature = Convert.ToHexStringLower(Ed25519ph.Sign(_seed, message)) };
    }
}
