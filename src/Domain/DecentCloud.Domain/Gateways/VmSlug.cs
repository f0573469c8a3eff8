using System.Security.Cryptography;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>The random label that names one VM under its gateway: exactly 6 chars of <c>[a-z0-9]</c>.</summary>
public sealed record VmSlug
{
    /// <summary>The exact length of a slug.</summary>
    public const int Length = 6;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private VmSlug(string value) => Value = value;

    /// <summary>The slug text.</summary>
    public string Value { get; }

    /// <summary>Validates a slug.</summary>
    public static Result<VmSlug> Create(string? value)
    {
        if (value is null || value.Length != Length || !value.All(DnsLabel.IsLowerAlnum))
        {
            return Result.Fail<VmSlug>(DomainError.Invalid("invalid_slug", "slug must be exactly 6 characters of [a-z0-9]."));
        }

        return new VmSlug(value);
    }

    /// <summary>A new random slug from the CSPRNG.</summary>
    public static VmSlug NewRandom() => new(RandomNumberGenerator.GetString(Alphabet, Length));

    /// <inheritdoc />
    public override string ToString() => Value;
}
