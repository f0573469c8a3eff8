using System.Numerics;
using CsCheck;
using DecentCloud.Domain.Money.Payouts;

namespace DecentCloud.Domain.Tests;

public class PayoutConversionTests
{
    private static readonly Gen<decimal> Prices = Gen.Select(Gen.Long[1, 100_000_000_000L], Gen.Int[0, 12]).Select((m, s) => new decimal(m) / (decimal)Math.Pow(10, s));

    [Theory]
    [InlineData(1_000_000_000L, "1", 8, "100000000")]            // 1 USD at 1 USD/ICP: 1 ICP
    [InlineData(1_000_000_000L, "8.5", 8, "11764705")]           // floor(10^8 / 8.5)
    [InlineData(12_345_678_901L, "0.01", 9, "1234567890100")]    // DC at a cent
    [InlineData(999_999L, "1", 6, "999")]                        // ckUSDT at par, floor of a fraction of a base unit
    [InlineData(1L, "3", 0, "0")]
    public void Gross_is_the_floor_of_the_exact_quotient(long nanoUsd, string price, int decimals, string expected) =>
        Assert.Equal(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            PayoutConversion.GrossBaseUnits(nanoUsd, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), decimals));

    [Fact]
    public void Gross_is_never_worth_more_than_the_usd_and_one_more_base_unit_would_be() =>
        Gen.Select(Gen.Long[0, 1_000_000_000_000_000L], Prices, Gen.Int[0, 18]).Sample((nanoUsd, price, decimals) =>
        {
            var gross = PayoutConversion.GrossBaseUnits(nanoUsd, price, decimals);
            // Compare in exact rationals: gross × price × 10^9 ≤ nanoUsd × 10^decimals < (gross + 1) × price × 10^9.
            var (m, s) = Scaled(price);
            var usdSide = nanoUsd * BigInteger.Pow(10, decimals) * BigInteger.Pow(10, s);
            Assert.True(gross >= 0);
            Assert.True(gross * m * BigInteger.Pow(10, 9) <= usdSide);
            Assert.True((gross + 1) * m * BigInteger.Pow(10, 9) > usdSide);
        });

    [Fact]
    public void Amount_is_gross_less_fee_or_gross_with_the_fee_on_top_and_dust_is_carried() =>
        Gen.Select(Gen.Long[0, 10_000_000_000_000L], Prices, Gen.Int[0, 18], Gen.Long[0, 100_000_000L], Gen.Bool, Gen.Int[0, 1000].Select(c => c / 100m))
            .Sample((nanoUsd, price, decimals, fee, onTop, minimum) =>
            {
                var quote = PayoutConversion.Quote(nanoUsd, price, decimals, fee, onTop, minimum);
                Assert.Equal(PayoutConversion.GrossBaseUnits(nanoUsd, price, decimals), quote.Gross);
                Assert.Equal(onTop ? quote.Gross : quote.Gross - fee, quote.Amount);
                Assert.True(quote.Amount <= quote.Gross);
                Assert.Equal(nanoUsd < minimum * 1_000_000_000m || quote.Amount <= 0, quote.Carried);
            });

    [Fact]
    public void A_provider_below_the_minimum_or_left_with_nothing_after_the_fee_is_carried()
    {
        Assert.True(PayoutConversion.Quote(999_999_999L, 1m, 8, 10_000, feeOnTop: false, minimumUsd: 1m).Carried);
        Assert.False(PayoutConversion.Quote(1_000_000_000L, 1m, 8, 10_000, feeOnTop: false, minimumUsd: 1m).Carried);
        Assert.True(PayoutConversion.Quote(1_000_000_000L, 1m, 2, 100, feeOnTop: false, minimumUsd: 0m).Carried);
        Assert.False(PayoutConversion.Quote(1_000_000_000L, 1m, 2, 100, feeOnTop: true, minimumUsd: 0m).Carried);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("10000", 10_000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Base_units_parse_as_plain_decimal_integers(string text, long expected) =>
        Assert.Equal(expected, PayoutConversion.ParseBaseUnits(text, "LedgerFee").Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData(" 7")]
    [InlineData("9223372036854775808")]
    public void Anything_else_is_refused_naming_the_field(string? text)
    {
        var parsed = PayoutConversion.ParseBaseUnits(text, "LedgerFee");
        Assert.True(parsed.IsFailed);
        Assert.Equal("invalid_ledger_fee", ((Common.DomainError)parsed.Errors[0]).Code);
        Assert.Contains("LedgerFee", parsed.Errors[0].Message, StringComparison.Ordinal);
    }

    private static (BigInteger Mantissa, int Scale) Scaled(decimal value)
    {
        var bits = decimal.GetBits(value);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return (mantissa, (bits[3] >> 16) & 0xFF);
    }
}
