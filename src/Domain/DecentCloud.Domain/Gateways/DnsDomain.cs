using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>The zone apex the gateways live under (e.g. <c>decent-cloud.org</c>), lower case, no trailing dot.</summary>
public sealed record DnsDomain
{
    private DnsDomain(string value) => Value = value;

    /// <summary>The domain text.</summary>
    public string Value { get; }

    /// <summary>Validates at least two LDH labels of 1–63 chars, 253 chars at most in all.</summary>
    public static Result<DnsDomain> Create(string? value)
    {
        var invalid = Result.Fail<DnsDomain>(DomainError.Invalid(
            "invalid_domain", "domain must be a lower-case DNS name of at least two labels, 253 characters at most."));
        if (value is null || value.Length > 253)
        {
            return invalid;
        }

        var labels = value.Split('.');
        if (labels.Length < 2 || labels.Any(l => !DnsLabel.IsValid(l, 1, 63, allowDoubleHyphen: true)))
        {
            return invalid;
        }

        return new DnsDomain(value);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
