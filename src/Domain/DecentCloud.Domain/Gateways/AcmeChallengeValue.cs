using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>
/// A DNS-01 challenge value: the base64url SHA-256 digest of a key authorisation, so exactly
/// 43 chars of <c>[A-Za-z0-9_-]</c>.
/// </summary>
public sealed record AcmeChallengeValue
{
    /// <summary>The exact length of a value.</summary>
    public const int Length = 43;

    private AcmeChallengeValue(string value) => Value = value;

    /// <summary>The value text.</summary>
    public string Value { get; }

    /// <summary>Validates a challenge value.</summary>
    public static Result<AcmeChallengeValue> Create(string? value)
    {
        if (value is null || value.Length != Length || !value.All(IsBase64Url))
        {
            return Result.Fail<AcmeChallengeValue>(DomainError.Invalid(
                "bad_txt", "txt must be exactly 43 characters of base64url."));
        }

        return new AcmeChallengeValue(value);
    }

    private static bool IsBase64Url(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_';

    /// <inheritdoc />
    public override string ToString() => Value;
}
