using System.Globalization;
using System.Numerics;
using CsCheck;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;

namespace DecentCloud.Domain.Tests;

public class TokenAmountTests
{
    private static readonly Gen<Token> AnyKnownToken = Gen.OneOfConst(Token.Known.ToArray());

    // Up to 2^128 - 1: sixteen random bytes as an unsigned integer.
    private static readonly Gen<BigInteger> Units = Gen.Byte.Array[16].Select(b => new BigInteger(b, isUnsigned: true));

    private static readonly Gen<BigInteger> SmallUnits = Gen.Byte.Array[15].Select(b => new BigInteger(b, isUnsigned: true));

    [Fact]
    public void The_known_tokens_carry_the_decimals_and_ledgers_of_the_payments_spec()
    {
        Assert.Equal(
            [("DC", 9, "ggi4a-wyaaa-aaaai-actqq-cai"), ("ICP", 8, "ryjl3-tyaaa-aaaaa-aaaba-cai"),
             ("ckUSDC", 6, "xevnm-gaaaa-aaaar-qafnq-cai"), ("ckUSDT", 6, "cngnf-vqaaa-aaaar-qag4q-cai")],
            Token.Known.Select(t => (t.Symbol, t.Decimals, t.LedgerCanisterId)));
        Assert.Same(Token.Icp, Token.FromSymbol("ICP").Value);
        Assert.Equal("unknown_token", Code(Token.FromSymbol("icp")));
        Assert.Equal(Token.Icp, Token.Create("ICP", 8, "ryjl3-tyaaa-aaaaa-aaaba-cai").Value);
        Assert.NotEqual(Token.Icp, Token.Create("ICP", 8, null).Value);
    }

    [Theory]
    [InlineData("", 8, null)]
    [InlineData("ICP!", 8, null)]
    [InlineData("ABCDEFGHIJKLMNOPQ", 8, null)]
    [InlineData("ICP", -1, null)]
    [InlineData("ICP", 19, null)]
    [InlineData("ICP", 8, "RYJL3")]
    [InlineData("ICP", 8, "")]
    public void Refuses_invalid_tokens(string symbol, int decimals, string? ledger) =>
        Assert.Equal("invalid_token", Code(Token.Create(symbol, decimals, ledger)));

    [Theory]
    [InlineData("ICP", "1.5", "150000000", "1.5 ICP")]
    [InlineData("DC", "0.001", "1000000", "0.001 DC")]
    [InlineData("DC", "1.000000001", "1000000001", "1.000000001 DC")]
    [InlineData("ckUSDC", "12.345678", "12345678", "12.345678 ckUSDC")]
    [InlineData("ckUSDT", "0", "0", "0 ckUSDT")]
    public void Parses_and_formats_with_the_tokens_own_decimals(string symbol, string text, string baseUnits, string formatted)
    {
        var amount = TokenAmount.Parse(Token.FromSymbol(symbol).Value, text).Value;
        Assert.Equal(BigInteger.Parse(baseUnits, CultureInfo.InvariantCulture), amount.BaseUnits);
        Assert.Equal(formatted, amount.ToString());
    }

    [Fact]
    public void Refuses_more_fraction_digits_than_the_token_has_negative_amounts_and_amounts_beyond_128_bits()
    {
        Assert.Equal("invalid_amount", Code(TokenAmount.Parse(Token.CkUsdc, "0.0000001")));
        Assert.Equal("invalid_amount", Code(TokenAmount.Parse(Token.Icp, "-1")));
        Assert.Equal("invalid_amount", Code(TokenAmount.FromBaseUnits(Token.Icp, BigInteger.MinusOne)));
        Assert.Equal("amount_overflow", Code(TokenAmount.FromBaseUnits(Token.Icp, TokenAmount.MaxBaseUnits + 1)));
        var max = TokenAmount.FromBaseUnits(Token.Dc, TokenAmount.MaxBaseUnits).Value;
        Assert.Equal("amount_overflow", Code(max.Add(TokenAmount.FromBaseUnits(Token.Dc, 1).Value)));
        Assert.Equal("insufficient_amount", Code(TokenAmount.Zero(Token.Dc).Subtract(TokenAmount.FromBaseUnits(Token.Dc, 1).Value)));
    }

    [Fact]
    public void Amounts_of_different_tokens_never_combine() =>
        Gen.Select(SmallUnits, SmallUnits).Sample((a, b) =>
        {
            var icp = TokenAmount.FromBaseUnits(Token.Icp, a).Value;
            var dc = TokenAmount.FromBaseUnits(Token.Dc, b).Value;
            return Code(icp.Add(dc)) == "token_mismatch" && Code(dc.Subtract(icp)) == "token_mismatch";
        });

    [Fact]
    public void Formatting_round_trips_through_parsing_for_every_known_token() =>
        Gen.Select(AnyKnownToken, Units).Sample((token, units) =>
        {
            var amount = TokenAmount.FromBaseUnits(token, units).Value;
            return TokenAmount.Parse(token, amount.FormatAmount()).Value == amount;
        });

    [Fact]
    public void The_formatted_text_is_the_base_units_shifted_by_the_decimals() =>
        Gen.Select(AnyKnownToken, Units).Sample((token, units) =>
        {
            var text = TokenAmount.FromBaseUnits(token, units).Value.FormatAmount();
            var parts = text.Split('.');
            var fraction = parts.Length == 2 ? parts[1] : string.Empty;
            return !fraction.EndsWith('0') && fraction.Length <= token.Decimals
                && BigInteger.Parse(parts[0] + fraction.PadRight(token.Decimals, '0'), CultureInfo.InvariantCulture) == units;
        });

    [Fact]
    public void Addition_is_commutative_and_associative_and_subtraction_undoes_it() =>
        Gen.Select(AnyKnownToken, SmallUnits, SmallUnits, SmallUnits).Sample((token, x, y, z) =>
        {
            var (a, b, c) = (TokenAmount.FromBaseUnits(token, x).Value, TokenAmount.FromBaseUnits(token, y).Value, TokenAmount.FromBaseUnits(token, z).Value);
            return a.Add(b).Value == b.Add(a).Value
                && a.Add(b).Value.Add(c).Value == a.Add(b.Add(c).Value).Value
                && a.Add(TokenAmount.Zero(token)).Value == a
                && a.Add(b).Value.Subtract(b).Value == a
                && a.Subtract(b).IsSuccess == (x >= y);
        });

    [Fact]
    public void Addition_refuses_exactly_the_sums_beyond_128_bits() =>
        Gen.Select(Units, Units).Sample((x, y) =>
            TokenAmount.FromBaseUnits(Token.Dc, x).Value.Add(TokenAmount.FromBaseUnits(Token.Dc, y).Value).IsSuccess == (x + y <= TokenAmount.MaxBaseUnits));

    private static string Code<T>(FluentResults.Result<T> result) =>
        Assert.IsType<DomainError>(Assert.Single(result.Errors)).Code;
}
