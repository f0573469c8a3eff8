using System.Numerics;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Deposits;

/// <summary>
/// How a deposit's token amount becomes USD: <c>floor(amount × price × 10⁹ / 10^decimals)</c> nano-USD, in exact integer
/// arithmetic (the price's decimal digits are kept, nothing is rounded before the one floor), so a deposit is never
/// credited a fraction of a nano-USD it did not bring.
/// </summary>
public static class DepositConversion
{
    /// <summary>The default stablecoin tolerance (<c>DC_DEPOSIT_STABLECOIN_TOLERANCE_PERCENT</c>): 2 %.</summary>
    public const decimal DefaultStablecoinTolerancePercent = 2m;

    /// <summary>Whether <paramref name="token"/> is a USD stablecoin (ckUSDC, ckUSDT), credited at par within the tolerance.</summary>
    public static bool IsStablecoin(Token token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token == Token.CkUsdc || token == Token.CkUsdt;
    }

    /// <summary>
    /// The USD price a deposit of <paramref name="token"/> is credited at, from a fresh market price: for a stablecoin,
    /// par ($1) when the market is within <paramref name="tolerancePercent"/> of $1, else the market price but never more
    /// than par (a stablecoin above its peg is not worth more to the platform than a dollar); any other token at the market.
    /// </summary>
    public static decimal PriceUsed(Token token, decimal marketPriceUsd, decimal tolerancePercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(marketPriceUsd);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerancePercent);
        if (!IsStablecoin(token))
        {
            return marketPriceUsd;
        }

        return Math.Abs(marketPriceUsd - 1m) * 100m <= tolerancePercent ? 1m : Math.Min(marketPriceUsd, 1m);
    }

    /// <summary>
    /// <c>floor(baseUnits × priceUsd × 10⁹ / 10^decimals)</c> nano-USD; refused when the price is negative, the decimals are
    /// outside 0-<see cref="Token.MaxDecimals"/>, or the value exceeds <see cref="UsdAmount.MaxValue"/>.
    /// </summary>
    public static Result<UsdAmount> ToUsd(BigInteger baseUnits, int decimals, decimal priceUsd)
    {
        if (baseUnits.Sign < 0 || priceUsd < 0 || decimals is < 0 or > Token.MaxDecimals)
        {
            return Result.Fail<UsdAmount>(DomainError.Invalid("invalid_conversion", "a conversion needs a non-negative amount and price and 0-18 decimals."));
        }

        var (mantissa, scale) = Exact(priceUsd);
        var numerator = baseUnits * mantissa * BigInteger.Pow(10, UsdAmount.Decimals);
        var denominator = BigInteger.Pow(10, decimals + scale);
        var nano = BigInteger.Divide(numerator, denominator);
        return nano > long.MaxValue
            ? Result.Fail<UsdAmount>(DomainError.Invalid("amount_overflow", "the deposit is worth more than the largest USD amount."))
            : UsdAmount.FromNanoUsd((long)nano);
    }

    /// <summary>A non-negative decimal as mantissa / 10^scale, exactly.</summary>
    private static (BigInteger Mantissa, int Scale) Exact(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return (mantissa, (bits[3] >> 16) & 0xFF);
    }
}
