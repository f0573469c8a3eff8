using CsCheck;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;

namespace DecentCloud.Domain.Tests;

public class UsdAmountTests
{
    private static readonly Gen<UsdAmount> Amount = Gen.Long[0, long.MaxValue].Select(n => UsdAmount.FromNanoUsd(n).Value);

    // Amounts whose sums cannot overflow, for the arithmetic laws.
    private static readonly Gen<UsdAmount> Small = Gen.Long[0, long.MaxValue / 4].Select(n => UsdAmount.FromNanoUsd(n).Value);

    [Theory]
    [InlineData("0", 0L, "0")]
    [InlineData("12", 12_000_000_000L, "12")]
    [InlineData("12.50", 12_500_000_000L, "12.5")]
    [InlineData("0.000000001", 1L, "0.000000001")]
    [InlineData("007.1", 7_100_000_000L, "7.1")]
    [InlineData("9223372036.854775807", long.MaxValue, "9223372036.854775807")]
    public void Parses_decimal_usd_text_exactly_and_formats_it_canonically(string text, long nano, string canonical)
    {
        var amount = UsdAmount.Parse(text).Value;
        Assert.Equal(nano, amount.NanoUsd);
        Assert.Equal(canonical, amount.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.0000000001")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("1 000")]
    [InlineData("١")]
    public void Refuses_text_that_is_not_plain_decimal_usd(string? text) =>
        Assert.Equal("invalid_amount", Code(UsdAmount.Parse(text)));

    [Fact]
    public void Refuses_amounts_beyond_the_largest_and_below_zero()
    {
        Assert.Equal("amount_overflow", Code(UsdAmount.Parse("9223372036.854775808")));
        Assert.Equal("amount_overflow", Code(UsdAmount.FromWholeUsd(9_223_372_037)));
        Assert.Equal(9_223_372_036_000_000_000L, UsdAmount.FromWholeUsd(9_223_372_036).Value.NanoUsd);
        Assert.Equal("invalid_amount", Code(UsdAmount.FromNanoUsd(-1)));
        Assert.Equal("invalid_amount", Code(UsdAmount.FromWholeUsd(-1)));
        Assert.Equal("amount_overflow", Code(UsdAmount.MaxValue.Add(UsdAmount.FromNanoUsd(1).Value)));
        Assert.Equal("amount_overflow", Code(UsdAmount.MaxValue.Multiply(2)));
        Assert.Equal("invalid_amount", Code(UsdAmount.MaxValue.Multiply(-1)));
        Assert.Equal("insufficient_amount", Code(UsdAmount.Zero.Subtract(UsdAmount.FromNanoUsd(1).Value)));
    }

    [Fact]
    public void Formatting_round_trips_through_parsing() =>
        Amount.Sample(a => UsdAmount.Parse(a.ToString()).Value == a);

    [Fact]
    public void Parsing_any_digits_with_up_to_nine_decimals_gives_the_integer_they_spell() =>
        Gen.Select(Gen.Long[0, 9_223_372_035], Gen.Int[0, 9], Gen.Long[0, 999_999_999]).Sample((whole, places, fraction) =>
        {
            var digits = (fraction % (long)System.Numerics.BigInteger.Pow(10, places)).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(places, '0');
            var text = places == 0 ? $"{whole}" : $"{whole}.{digits}";
            var expected = (whole * UsdAmount.NanoPerUsd) + (places == 0 ? 0 : long.Parse(digits.PadRight(9, '0'), System.Globalization.CultureInfo.InvariantCulture));
            return UsdAmount.Parse(text).Value.NanoUsd == expected;
        });

    [Fact]
    public void Addition_is_commutative_and_associative_with_zero_as_identity() =>
        Gen.Select(Small, Small, Small).Sample((a, b, c) =>
            a.Add(b).Value == b.Add(a).Value
            && a.Add(b).Value.Add(c).Value == a.Add(b.Add(c).Value).Value
            && a.Add(UsdAmount.Zero).Value == a);

    [Fact]
    public void Subtraction_undoes_addition_and_never_goes_below_zero() =>
        Gen.Select(Small, Small).Sample((a, b) =>
            a.Add(b).Value.Subtract(b).Value == a
            && a.Subtract(b).IsSuccess == (a >= b));

    [Fact]
    public void Addition_and_multiplication_refuse_exactly_the_results_that_do_not_fit() =>
        Gen.Select(Amount, Amount, Gen.Long[0, 1_000_000]).Sample((a, b, k) =>
            a.Add(b).IsSuccess == ((System.Numerics.BigInteger)a.NanoUsd + b.NanoUsd <= long.MaxValue)
            && a.Multiply(k).IsSuccess == ((System.Numerics.BigInteger)a.NanoUsd * k <= long.MaxValue)
            && (!a.Multiply(k).IsSuccess || a.Multiply(k).Value.NanoUsd == a.NanoUsd * k));

    [Fact]
    public void Ordering_follows_the_nano_usd() =>
        Gen.Select(Amount, Amount).Sample((a, b) => (a < b) == (a.NanoUsd < b.NanoUsd) && a.CompareTo(b) == a.NanoUsd.CompareTo(b.NanoUsd));

    private static string Code<T>(FluentResults.Result<T> result) =>
        Assert.IsType<DomainError>(Assert.Single(result.Errors)).Code;
}
