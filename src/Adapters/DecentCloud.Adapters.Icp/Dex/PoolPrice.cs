using System.Numerics;
using DecentCloud.Application.Prices;

namespace DecentCloud.Adapters.Icp.Dex;

/// <summary>
/// The exact arithmetic of pool prices: a price is a ratio of big integers (reserves, or a squared Q64.96 square root,
/// scaled by the tokens' decimals) rounded once, half away from zero, to <see cref="Scale"/> fraction digits. No
/// floating point anywhere, so the same pool state always gives the same decimal.
/// </summary>
internal static class PoolPrice
{
    /// <summary>Fraction digits kept: a price of 0.000001 USD still has 12 significant digits.</summary>
    public const int Scale = 18;

    private static readonly BigInteger Q192 = BigInteger.One << 192;
    private static readonly BigInteger ScaleFactor = BigInteger.Pow(10, Scale);

    // decimal holds a 96-bit unsigned integer mantissa.
    private static readonly BigInteger MaxMantissa = (BigInteger.One << 96) - 1;

    /// <summary>
    /// The price of one whole base token in whole quote tokens from a constant-product pool's reserves (base units):
    /// <c>(quoteReserve / 10^quoteDecimals) / (baseReserve / 10^baseDecimals)</c>.
    /// </summary>
    public static decimal FromReserves(BigInteger baseReserve, int baseDecimals, BigInteger quoteReserve, int quoteDecimals)
    {
        if (baseReserve.Sign <= 0 || quoteReserve.Sign <= 0)
        {
            throw new PriceSourceException($"empty pool: a reserve is zero (base {baseReserve}, quote {quoteReserve})");
        }

        return Ratio(quoteReserve * BigInteger.Pow(10, baseDecimals), baseReserve * BigInteger.Pow(10, quoteDecimals));
    }

    /// <summary>
    /// The price from a concentrated-liquidity pool's <c>sqrtPriceX96</c> (√(token1 base units per token0 base unit) · 2^96):
    /// one whole token0 costs <c>sqrtPriceX96² / 2^192 · 10^(decimals0 − decimals1)</c> whole token1; with
    /// <paramref name="baseIsToken0"/> false the inverse is taken, computed from the same integers.
    /// </summary>
    public static decimal FromSqrtPriceX96(BigInteger sqrtPriceX96, bool baseIsToken0, int decimals0, int decimals1)
    {
        if (sqrtPriceX96.Sign <= 0)
        {
            throw new PriceSourceException($"empty pool: sqrtPriceX96 is {sqrtPriceX96}");
        }

        var squared = sqrtPriceX96 * sqrtPriceX96;
        var token1PerToken0 = (Numerator: squared * BigInteger.Pow(10, decimals0), Denominator: Q192 * BigInteger.Pow(10, decimals1));
        return baseIsToken0
            ? Ratio(token1PerToken0.Numerator, token1PerToken0.Denominator)
            : Ratio(token1PerToken0.Denominator, token1PerToken0.Numerator);
    }

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/> (both positive) rounded half away from zero to <see cref="Scale"/> digits.</summary>
    public static decimal Ratio(BigInteger numerator, BigInteger denominator)
    {
        var scaled = BigInteger.DivRem(numerator * ScaleFactor, denominator, out var remainder);
        if (remainder * 2 >= denominator)
        {
            scaled += 1;
        }

        if (scaled.IsZero)
        {
            throw new PriceSourceException($"the pool's price is below 10^-{Scale}");
        }

        if (scaled > MaxMantissa)
        {
            throw new PriceSourceException("the pool's price is too large to be a price");
        }

        var bits = scaled.ToByteArray(isUnsigned: true, isBigEndian: false);
        Array.Resize(ref bits, 12);
        var value = new decimal(BitConverter.ToInt32(bits, 0), BitConverter.ToInt32(bits, 4), BitConverter.ToInt32(bits, 8), false, Scale);

        // Dividing by one with the largest scale drops the trailing zeros (4.32, not 4.320000000000000000).
        return value / 1.000000000000000000000000000000000m;
    }
}
