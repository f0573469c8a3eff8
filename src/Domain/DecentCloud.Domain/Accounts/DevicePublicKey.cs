using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Accounts;

/// <summary>
/// A device's Ed25519 public key: 32 bytes, not of small order. A small-order key verifies forged signatures and,
/// converted to X25519 for sealing credentials, gives away what is sealed to it. Written as 64 lower-case hex characters.
/// </summary>
public sealed record DevicePublicKey
{
    /// <summary>The error code of a refused key.</summary>
    public const string ErrorCode = "invalid_device_key";

    private DevicePublicKey(string hex) => Hex = hex;

    /// <summary>The key as lower-case hex.</summary>
    public string Hex { get; }

    /// <summary>Parses 64 hex characters (either case) and refuses the small-order points in every encoding.</summary>
    public static Result<DevicePublicKey> FromHex(string? hex)
    {
        if (!KeyHex.TryRead(hex, out var bytes))
        {
            return Result.Fail<DevicePublicKey>(DomainError.Invalid(ErrorCode, "deviceKey must be 64 hex characters (32 bytes)."));
        }

        return Curve25519.IsSmallOrderEd25519(bytes)
            ? Result.Fail<DevicePublicKey>(DomainError.Invalid(ErrorCode, "deviceKey is a point of small order."))
            : new DevicePublicKey(Convert.ToHexStringLower(bytes));
    }

    /// <inheritdoc />
    public override string ToString() => Hex;
}
