using System.Numerics;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Payouts;

/// <summary>
/// The conversion of a provider's pending nano-USD into the payout token, in exact integer arithmetic (never a double):
/// gross = ⌊nanoUsd × 10^decimals ÷ (priceUsd × 10^9)⌋ base units, so the provider never receives more than the USD value
/// at that price. The amount sent is gross − fee, or gross with the fee paid on top by the platform.
/// </summary>
public static class PayoutConversion
{
    /// <summary>The most decimals a ledger may declare.</summary>
    public const int MaxDecimals = 18;

    /// <summary>Gross base units of <paramref name="nanoUsd"/> at <paramref name="priceUsd"/> USD per whole token with <paramref name="decimals"/> decimals.</summary>
    public static BigInteger GrossBaseUnits(long nanoUsd, decimal priceUsd, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanoUsd);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(priceUsd);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        // priceUsd = mantissa / 10^scale exactly (a decimal is a scaled 96-bit integer).
        var bits = decimal.GetBits(priceUsd);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var numerator = nanoUsd * BigInteger.Pow(10, decimals) * BigInteger.Pow(10, scale);
        var denominator = mantissa * BigInteger.Pow(10, 9);
        return BigInteger.Divide(numerator, denominator);
    }

    /// <summary>
    /// The transfer of <paramref name="nanoUsd"/>: gross, the <c>amount</c> argument and the <c>fee</c> argument; carried
    /// (<see cref="PayoutQuote.Carried"/>) when the USD is below <paramref name="minimumUsd"/> or the amount would not be positive.
    /// </summary>
    public static PayoutQuote Quote(long nanoUsd, decimal priceUsd, int decimals, BigInteger fee, bool feeOnTop, decimal minimumUsd)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fee, BigInteger.Zero);
        var gross = GrossBaseUnits(nanoUsd, priceUsd, decimals);
        var amount = feeOnTop ? gross : gross - fee;
        var belowMinimum = nanoUsd < minimumUsd * UsdAmount.NanoPerUsd;
        return new PayoutQuote(gross, amount, fee, Carried: belowMinimum || amount <= BigInteger.Zero);
    }

    /// <summary>Reads a ledger amount (decimal integer text, ≥ 0, within a signed 64-bit range); the error names <paramref name="field"/>.</summary>
    public static Result<long> ParseBaseUnits(string? text, string field)
    {
        if (text is { Length: > 0 and <= 20 } && text.All(char.IsAsciiDigit) && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return Result.Fail<long>(DomainError.Invalid("invalid_" + ToSnake(field), $"{field} must be a non-negative decimal integer of base units (at most {long.MaxValue})."));
    }

    private static string ToSnake(string field) =>
        string.Concat(field.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}

/// <summary>A provider's transfer in base units.</summary>
/// <param name="Gross">The USD value in the token, before the fee.</param>
/// <param name="Amount">The <c>amount</c> argument (what the provider receives); may be ≤ 0 when carried.</param>
/// <param name="Fee">The <c>fee</c> argument.</param>
/// <param name="Carried">Left for a later run (<c>below_minimum</c>): dust, or nothing left after the fee.</param>
public sealed record PayoutQuote(BigInteger Gross, BigInteger Amount, BigInteger Fee, bool Carried);
