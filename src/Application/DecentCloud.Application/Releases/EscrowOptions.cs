using System.ComponentModel.DataAnnotations;
using DecentCloud.Domain.Money.Releases;

namespace DecentCloud.Application.Releases;

/// <summary>How a running rental's escrow is released to its provider (section <c>Escrow</c>).</summary>
public sealed class EscrowOptions : IValidatableObject
{
    /// <summary>A running rental's escrow is released pro rata once per this interval (<c>DC_ESCROW_RELEASE_INTERVAL_SECONDS</c>, default 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan ReleaseInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The platform's fee on every release, in percent: 0-99.99 with at most 2 decimals (<c>DC_PLATFORM_FEE_PERCENT</c>, default 0).</summary>
    public decimal PlatformFeePercent { get; set; }

    /// <summary>The fee as the releases apply it (valid once the options validated).</summary>
    public PlatformFee Fee => PlatformFee.FromPercent(PlatformFeePercent).ValueOrDefault;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PlatformFee.FromPercent(PlatformFeePercent).IsFailed)
        {
            yield return new ValidationResult(
                $"{nameof(PlatformFeePercent)} must be 0-99.99 with at most 2 decimals, got {PlatformFeePercent}.", [nameof(PlatformFeePercent)]);
        }
    }
}
