using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>
/// Identifies a provider account (in the platform, the hex of its Ed25519 public key):
/// 1–128 chars of <c>[A-Za-z0-9._:-]</c>.
/// </summary>
public sealed record ProviderId
{
    private ProviderId(string value) => Value = value;

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>Validates a provider id.</summary>
    public static Result<ProviderId> Create(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || !value.All(IsAllowed))
        {
            return Result.Fail<ProviderId>(DomainError.Invalid(
                "invalid_provider", "provider id must be 1-128 characters of [A-Za-z0-9._:-]."));
        }

        return new ProviderId(value);
    }

    private static bool IsAllowed(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or ':' or '-';

    /// <inheritdoc />
    public override string ToString() => Value;
}
