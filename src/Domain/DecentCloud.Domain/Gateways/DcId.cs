using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>
/// A provider gateway's datacenter id, the label that scopes its VMs and its wildcard certificate:
/// 2–20 chars of <c>[a-z0-9-]</c>, no leading or trailing hyphen, no <c>--</c>.
/// </summary>
public sealed record DcId
{
    /// <summary>Shortest allowed id.</summary>
    public const int MinLength = 2;

    /// <summary>Longest allowed id.</summary>
    public const int MaxLength = 20;

    private DcId(string value) => Value = value;

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="value"/> (exactly as given: no case folding, no trimming).</summary>
    public static Result<DcId> Create(string? value)
    {
        if (value is null || !DnsLabel.IsValid(value, MinLength, MaxLength, allowDoubleHyphen: false))
        {
            return Result.Fail<DcId>(DomainError.Invalid(
                "invalid_dc_id",
                $"dc_id must be {MinLength}-{MaxLength} characters of [a-z0-9-], without a leading or trailing hyphen or '--'."));
        }

        return new DcId(value);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
