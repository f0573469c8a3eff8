using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Payouts;

/// <summary>How automated payout runs convert and carry (section <c>Payouts</c>).</summary>
public sealed class PayoutsOptions : IValidatableObject
{
    /// <summary>The largest minimum accepted, so a typo cannot carry every provider for ever.</summary>
    public const decimal MaxMinimumUsd = 1_000_000m;

    /// <summary>A provider owed less than this (USD) is carried to a later run (<c>DC_PAYOUT_MINIMUM_USD</c>, default 1.00).</summary>
    public decimal MinimumUsd { get; set; } = 1.00m;

    /// <summary>The platform pays the ledger fee on top, so the provider receives the whole converted amount (<c>DC_PAYOUT_FEE_ON_TOP</c>, default false: the fee comes out of it).</summary>
    public bool FeeOnTop { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Whole nano-USD only: a finer minimum could not be compared exactly with what providers are owed.
        if (MinimumUsd < 0m || MinimumUsd > MaxMinimumUsd || decimal.Round(MinimumUsd, 9) != MinimumUsd)
        {
            yield return new ValidationResult(
                $"{nameof(MinimumUsd)} must be 0-{MaxMinimumUsd} USD with at most 9 decimals, got {MinimumUsd}.", [nameof(MinimumUsd)]);
        }
    }
}
