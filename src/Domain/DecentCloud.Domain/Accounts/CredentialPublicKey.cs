using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Accounts;

/// <summary>
/// An account's X25519 credential public key: 32 bytes, not of small order (a small-order key would make the VM
/// credentials sealed to it readable by anyone). Written as 64 lower-case hex characters.
/// </summary>
public sealed record CredentialPublicKey
{
    /// <summary>The error code of a refused key.</summary>
    public const string ErrorCode = "invalid_credential_key";

    private CredentialPublicKey(string hex) => Hex = hex;

    /// <summary>The key as lower-case hex.</summary>
    public string Hex { get; }

    /// <summary>Parses 64 hex characters (either case) and refuses the small-order points in every encoding.</summary>
    public static Result<CredentialPublicKey> FromHex(string? hex)
    {
        if (!KeyHex.TryRead(hex, out var bytes))
        {
            return Result.Fail<CredentialPublicKey>(DomainError.Invalid(ErrorCode, "credentialKey must be 64 hex characters (32 bytes)."));
        }

        return Curve25519.IsSmallOrderX25519(bytes)
            ? Result.Fail<CredentialPublicKey>(DomainError.Invalid(ErrorCode, "credentialKey is a point of small order; derive it from the account seed."))
            : new CredentialPublicKey(Convert.ToHexStringLower(bytes));
    }

    /// <inheritdoc />
    public override string ToString() => Hex;
}
