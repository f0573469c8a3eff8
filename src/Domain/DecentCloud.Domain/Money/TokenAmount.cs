using System.Numerics;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money;

/// <summary>
/// A non-negative amount of one token in its base units (e8s for ICP, 10⁻⁹ for DC). Amounts of different tokens
/// never mix; the largest amount is that of an ICRC-1 ledger's 128-bit balance, which storage holds exactly.
/// </summary>
public sealed record TokenAmount
{
    /// <summary>The largest amount in base units: 2¹²⁸ − 1.</summary>
    public static readonly BigInteger MaxBaseUnits = (BigInteger.One << 128) - 1;

    private TokenAmount(Token token, BigInteger baseUnits)
    {
        Token = token;
        BaseUnits = baseUnits;
    }

    /// <summary>The token counted.</summary>
    public Token Token { get; private init; }

    /// <summary>The amount in the token's base units.</summary>
    public BigInteger BaseUnits { get; private init; }

    /// <summary>Whether the amount is zero.</summary>
    public bool IsZero => BaseUnits.IsZero;

    /// <summary>Nothing of <paramref name="token"/>.</summary>
    public static TokenAmount Zero(Token token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenAmount(token, BigInteger.Zero);
    }

    /// <summary>An amount in base units; refused when negative or above <see cref="MaxBaseUnits"/>.</summary>
    public static Result<TokenAmount> FromBaseUnits(Token token, BigInteger baseUnits)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (baseUnits.Sign < 0)
        {
            return Result.Fail<TokenAmount>(DomainError.Invalid("invalid_amount", "a token amount must not be negative."));
        }

        return baseUnits > MaxBaseUnits ? Overflow() : new TokenAmount(token, baseUnits);
    }

    /// <summary>Reads plain decimal text in whole tokens (<c>1.5</c> ICP = 150000000 e8s), with at most the token's decimals.</summary>
    public static Result<TokenAmount> Parse(Token token, string? text)
    {
        ArgumentNullException.ThrowIfNull(token);
        var units = DecimalText.Parse(text, token.Decimals);
        return units is null
            ? Result.Fail<TokenAmount>(DomainError.Invalid(
                "invalid_amount", $"a {token.Symbol} amount is plain decimal text with at most {token.Decimals} fraction digits."))
            : FromBaseUnits(token, units.Value);
    }

    /// <summary>The sum; refused for another token or above <see cref="MaxBaseUnits"/>.</summary>
    public Result<TokenAmount> Add(TokenAmount other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SameToken(other) is { } mismatch ? mismatch : FromBaseUnits(Token, BaseUnits + other.BaseUnits);
    }

    /// <summary>The difference; refused for another token or when <paramref name="other"/> is larger.</summary>
    public Result<TokenAmount> Subtract(TokenAmount other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (SameToken(other) is { } mismatch)
        {
            return mismatch;
        }

        return other.BaseUnits > BaseUnits
            ? Result.Fail<TokenAmount>(DomainErrors.Conflict("insufficient_amount", $"cannot take {other} from {this}."))
            : new TokenAmount(Token, BaseUnits - other.BaseUnits);
    }

    /// <summary>The amount in whole tokens as exact decimal text without trailing zeros (<c>1.5</c>); <see cref="Parse"/> reads it back.</summary>
    public string FormatAmount() => DecimalText.Format(BaseUnits, Token.Decimals);

    /// <summary>The amount and the symbol, e.g. <c>1.5 ICP</c>.</summary>
    public override string ToString() => $"{FormatAmount()} {Token.Symbol}";

    private Result<TokenAmount>? SameToken(TokenAmount other) =>
        other.Token == Token
            ? null
            : Result.Fail<TokenAmount>(DomainError.Invalid("token_mismatch", $"cannot combine {Token.Symbol} with {other.Token.Symbol}."));

    private static Result<TokenAmount> Overflow() =>
        Result.Fail<TokenAmount>(DomainError.Invalid("amount_overflow", "the token amount is larger than a 128-bit ledger balance."));

#pragma warning disable CS8618 // for the persistence mapper
    private TokenAmount()
    {
    }
#pragma warning restore CS8618
}
