using System.Numerics;
using CsCheck;
using DecentCloud.Adapters.Icp.Dex;
using DecentCloud.Application.Prices;

namespace DecentCloud.Adapters.Icp.Tests.Dex;

/// <summary>The pool arithmetic: exact ratios of big integers, rounded once to 18 digits.</summary>
public sealed class PoolPriceTests
{
    private static readonly BigInteger Q96 = BigInteger.One << 96;

    [Fact]
    public void Reserves_scaled_by_decimals_give_the_price_of_one_whole_token()
    {
        // 1,000,000 DC (9 decimals) against 12,345.678901 ckUSDT (6 decimals).
        Assert.Equal(0.012345678901m, PoolPrice.FromReserves(1_000_000_000_000_000, 9, 12_345_678_901, 6));
        // 10,000 ICP (8 decimals) against 43,210 ckUSDT.
        Assert.Equal(4.321m, PoolPrice.FromReserves(1_000_000_000_000, 8, 43_210_000_000, 6));
    }

    [Fact]
    public void A_ratio_is_rounded_half_away_from_zero_at_the_18th_digit()
    {
        Assert.Equal(0.333333333333333333m, PoolPrice.Ratio(1, 3));
        Assert.Equal(0.666666666666666667m, PoolPrice.Ratio(2, 3));
        Assert.Equal(0.000000000000000001m, PoolPrice.Ratio(1, 2 * BigInteger.Pow(10, 18)));
    }

    [Fact]
    public void SqrtPriceX96_squared_over_2_192_is_token1_per_token0_in_base_units()
    {
        // √(1/16) = 1/4 → 2^94: 1/16 ckUSDT unit per ICP unit = 6.25 USD per ICP (8 vs 6 decimals).
        Assert.Equal(6.25m, PoolPrice.FromSqrtPriceX96(Q96 >> 2, baseIsToken0: true, 8, 6));
        // √(9/4) = 3/2 → 3·2^95: 2.25 units → 225 whole token1 per whole token0.
        Assert.Equal(225m, PoolPrice.FromSqrtPriceX96(3 * (Q96 >> 1), baseIsToken0: true, 8, 6));
        // The same pool read the other way: ckUSDT is token0 (6 decimals), ICP token1 (8): 16 ICP units per ckUSDT unit → 6.25.
        Assert.Equal(6.25m, PoolPrice.FromSqrtPriceX96(Q96 << 2, baseIsToken0: false, 6, 8));
    }

    [Fact]
    public void An_empty_pool_or_an_unrepresentable_price_is_a_failure_never_a_price()
    {
        Assert.StartsWith("empty pool", Assert.Throws<PriceSourceException>(() => PoolPrice.FromReserves(0, 8, 1, 6)).Message, StringComparison.Ordinal);
        Assert.StartsWith("empty pool", Assert.Throws<PriceSourceException>(() => PoolPrice.FromReserves(1, 8, 0, 6)).Message, StringComparison.Ordinal);
        Assert.StartsWith("empty pool", Assert.Throws<PriceSourceException>(() => PoolPrice.FromSqrtPriceX96(0, true, 8, 6)).Message, StringComparison.Ordinal);
        Assert.Contains("below", Assert.Throws<PriceSourceException>(() => PoolPrice.FromReserves(BigInteger.Pow(10, 30), 0, 1, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("too large", Assert.Throws<PriceSourceException>(() => PoolPrice.FromReserves(1, 0, BigInteger.Pow(10, 30), 0)).Message, StringComparison.Ordinal);
    }

    private static readonly Gen<BigInteger> Reserve = Gen.ULong[1, ulong.MaxValue].Select(u => (BigInteger)u);

    [Fact]
    public void Property_the_price_is_the_exact_ratio_within_half_a_unit_of_the_18th_digit()
    {
        Gen.Select(Reserve, Gen.Int[0, 18], Reserve, Gen.Int[0, 18]).Sample((baseReserve, baseDecimals, quoteReserve, quoteDecimals) =>
        {
            var numerator = quoteReserve * BigInteger.Pow(10, baseDecimals);
            var denominator = baseReserve * BigInteger.Pow(10, quoteDecimals);
            decimal price;
            try
            {
                price = PoolPrice.FromReserves(baseReserve, baseDecimals, quoteReserve, quoteDecimals);
            }
            catch (PriceSourceException)
            {
                // Refused only when the exact value cannot be a decimal of 18 digits: below 10^-18 or above 2^96 units.
                var units = numerator * BigInteger.Pow(10, 18) / denominator;
                return units.IsZero || units >= (BigInteger.One << 96) - 1;
            }

            var scaled = new BigInteger(price * 1_000_000_000_000_000_000m);
            var error = BigInteger.Abs(scaled * denominator - numerator * BigInteger.Pow(10, 18));
            return price > 0m && error * 2 <= denominator;
        });
    }

    [Fact]
    public void Property_more_quote_reserve_never_lowers_the_price()
    {
        Gen.Select(Gen.ULong[1_000_000, 1UL << 50], Gen.ULong[1_000_000, 1UL << 50], Gen.ULong[0, 1UL << 40]).Sample((b, q, more) =>
            PoolPrice.FromReserves(b, 8, q, 6) <= PoolPrice.FromReserves(b, 8, (BigInteger)q + more, 6));
    }

    [Fact]
    public void Property_a_whole_sqrt_price_gives_its_square_exactly_and_both_directions_agree()
    {
        Gen.Select(Gen.Int[1, 100], Gen.Int[0, 6], Gen.Int[0, 6]).Sample((k, d0, d1) =>
        {
            var expected = (decimal)k * k * Pow10(d0) / Pow10(d1);
            var forward = PoolPrice.FromSqrtPriceX96(Q96 * k, true, d0, d1);
            // Read from the other side, token1 is the base: the price is 1/forward, from the same integers.
            var backward = PoolPrice.FromSqrtPriceX96(Q96 * k, false, d0, d1);
            var product = forward * backward;
            return forward == expected && Math.Abs(product - 1m) <= 0.000001m;
        });
    }

    private static decimal Pow10(int n) => (decimal)Math.Pow(10, n);
}
