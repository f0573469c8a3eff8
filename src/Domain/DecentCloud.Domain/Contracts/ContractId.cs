using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>A contract's id: 16 to 64 bytes (the platform uses 32-byte hashes), written as lower-case hex.</summary>
public sealed record ContractId
{
    private ContractId(string hex) => Hex = hex;

    /// <summary>The id as lower-case hex.</summary>
    public string Hex { get; }

    /// <summary>The raw id bytes (what the credential AAD binds to).</summary>
    public byte[] ToBytes() => Convert.FromHexString(Hex);

    /// <summary>Parses 32 to 128 hex chars of even length.</summary>
    public static Result<ContractId> FromHex(string? hex)
    {
        if (hex is null || hex.Length is < 32 or > 128 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
        {
            return Result.Fail<ContractId>(DomainError.Invalid("invalid_contract_id", "contract id must be 16-64 bytes of hex."));
        }

        return new ContractId(hex.ToLowerInvariant());
    }

    /// <summary>Wraps raw bytes.</summary>
    public static Result<ContractId> FromBytes(ReadOnlySpan<byte> bytes) => FromHex(Convert.ToHexStringLower(bytes));

    /// <inheritdoc />
    public override string ToString() => Hex;
}
