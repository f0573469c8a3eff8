using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>An agent's Ed25519 public key (32 bytes), written as 64 lower-case hex chars.</summary>
public sealed record AgentPublicKey
{
    /// <summary>Key length in bytes.</summary>
    public const int Size = 32;

    private AgentPublicKey(string hex) => Hex = hex;

    /// <summary>The key as lower-case hex.</summary>
    public string Hex { get; }

    /// <summary>The raw key bytes.</summary>
    public byte[] ToBytes() => Convert.FromHexString(Hex);

    /// <summary>Parses 64 hex chars (either case).</summary>
    public static Result<AgentPublicKey> FromHex(string? hex)
    {
        if (hex is null || hex.Length != Size * 2 || !hex.All(Uri.IsHexDigit))
        {
            return Result.Fail<AgentPublicKey>(DomainError.Invalid(
                "invalid_agent_pubkey", "agent public key must be 64 hex characters (32 bytes)."));
        }

        return new AgentPublicKey(hex.ToLowerInvariant());
    }

    /// <summary>Wraps raw key bytes.</summary>
    public static Result<AgentPublicKey> FromBytes(ReadOnlySpan<byte> key) =>
        key.Length == Size
            ? new AgentPublicKey(Convert.ToHexStringLower(key))
            : Result.Fail<AgentPublicKey>(DomainError.Invalid("invalid_agent_pubkey", "agent public key must be 32 bytes."));

    /// <inheritdoc />
    public override string ToString() => Hex;
}
