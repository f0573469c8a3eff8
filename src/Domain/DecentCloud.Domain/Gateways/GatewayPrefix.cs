using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>The DNS label that holds all gateways under the zone (<c>gw</c> in production, <c>dev-gw</c> in development).</summary>
public sealed record GatewayPrefix
{
    private GatewayPrefix(string value) => Value = value;

    /// <summary>The label text.</summary>
    public string Value { get; }

    /// <summary>Validates one lower-case DNS label (1–63 chars of <c>[a-z0-9-]</c>, no edge hyphen).</summary>
    public static Result<GatewayPrefix> Create(string? value)
    {
        if (value is null || !DnsLabel.IsValid(value, 1, 63, allowDoubleHyphen: true))
        {
            return Result.Fail<GatewayPrefix>(DomainError.Invalid(
                "invalid_gw_prefix", "gw_prefix must be one DNS label of 1-63 characters [a-z0-9-] without an edge hyphen."));
        }

        return new GatewayPrefix(value);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
