using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using FluentResults;

namespace DecentCloud.Domain.Marketplace;

/// <summary>
/// The price of renting an offering: <c>monthly × duration / 30 days</c>, computed exactly on nano-USD and
/// <b>rounded up to the next nano-USD</b>, so a rental of a priced offering is never free through rounding and the
/// provider is never short of its rate; the user pays at most one nano-USD above the exact pro-rata amount.
/// </summary>
public static class RentalPrice
{
    /// <summary>The billing month: 30 days, in seconds.</summary>
    public const long MonthSeconds = 30L * 86400;

    /// <summary>The longest rental priced: 10 years of 365 days, the longest contract.</summary>
    public const long MaxDurationSeconds = 10L * 365 * 86400;

    /// <summary>
    /// <c>ceil(monthly.NanoUsd × durationSeconds / 2 592 000)</c> nano-USD. Refused when the duration is not 1 second
    /// to 10 years, or the price would not fit in <see cref="UsdAmount"/>.
    /// </summary>
    public static Result<UsdAmount> For(UsdAmount monthly, long durationSeconds)
    {
        if (durationSeconds is < 1 or > MaxDurationSeconds)
        {
            return Result.Fail<UsdAmount>(DomainError.Invalid("invalid_duration", "a rental lasts 1 second to 10 years."));
        }

        // Int128 holds long.MaxValue × 10 years exactly, so nothing is lost before the division.
        var numerator = (Int128)monthly.NanoUsd * durationSeconds;
        var nano = (numerator + MonthSeconds - 1) / MonthSeconds;
        return nano > long.MaxValue
            ? Result.Fail<UsdAmount>(DomainError.Invalid("amount_overflow", "the rental price is too large (at most 9223372036.854775807 USD)."))
            : UsdAmount.FromNanoUsd((long)nano);
    }
}
