using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money;

/// <summary>
/// A non-negative amount of US dollars in integer nano-USD (10⁻⁹ USD). Arithmetic is checked: a result that
/// would overflow or go below zero is refused with an error, never wrapped or clamped.
/// </summary>
public readonly record struct UsdAmount : IComparable<UsdAmount>
{
    /// <summary>Fraction digits: 1 USD is 10⁹ nano-USD.</summary>
    public const int Decimals = 9;

    /// <summary>Nano-USD in one dollar.</summary>
    public const long NanoPerUsd = 1_000_000_000;

    private UsdAmount(long nanoUsd) => NanoUsd = nanoUsd;

    /// <summary>Nothing.</summary>
    public static UsdAmount Zero => default;

    /// <summary>The largest amount (about 9.2 billion USD).</summary>
    public static UsdAmount MaxValue => new(long.MaxValue);

    /// <summary>The amount in nano-USD.</summary>
    public long NanoUsd { get; }

    /// <summary>Whether the amount is zero.</summary>
    public bool IsZero => NanoUsd == 0;

    /// <summary>An amount of nano-USD; negative amounts are refused.</summary>
    public static Result<UsdAmount> FromNanoUsd(long nanoUsd) =>
        nanoUsd < 0 ? Negative() : new UsdAmount(nanoUsd);

    /// <summary>Whole dollars; refused when negative or too large.</summary>
    public static Result<UsdAmount> FromWholeUsd(long usd)
    {
        if (usd < 0)
        {
            return Negative();
        }

        return usd > long.MaxValue / NanoPerUsd ? Overflow() : new UsdAmount(usd * NanoPerUsd);
    }

    /// <summary>Reads plain decimal USD text exactly (<c>12</c>, <c>0.000000001</c>; at most 9 fraction digits, no sign).</summary>
    public static Result<UsdAmount> Parse(string? text)
    {
        var units = DecimalText.Parse(text, Decimals);
        if (units is null)
        {
            return Result.Fail<UsdAmount>(DomainError.Invalid(
                "invalid_amount", "a USD amount is plain decimal text with at most 9 fraction digits, e.g. 12.50."));
        }

        return units.Value > long.MaxValue ? Overflow() : new UsdAmount((long)units.Value);
    }

    /// <summary>The sum; refused when it would overflow.</summary>
    public Result<UsdAmount> Add(UsdAmount other)
    {
        var sum = unchecked(NanoUsd + other.NanoUsd);
        // Both are non-negative, so an overflow always wraps below zero.
        return sum < 0 ? Overflow() : new UsdAmount(sum);
    }

    /// <summary>The difference; refused when <paramref name="other"/> is larger.</summary>
    public Result<UsdAmount> Subtract(UsdAmount other) =>
        other.NanoUsd > NanoUsd
            ? Result.Fail<UsdAmount>(DomainErrors.Conflict("insufficient_amount", $"cannot take {other} USD from {this} USD."))
            : new UsdAmount(NanoUsd - other.NanoUsd);

    /// <summary>The amount times a non-negative whole factor; refused when negative or when it would overflow.</summary>
    public Result<UsdAmount> Multiply(long factor)
    {
        if (factor < 0)
        {
            return Negative();
        }

        return factor != 0 && NanoUsd > long.MaxValue / factor ? Overflow() : new UsdAmount(NanoUsd * factor);
    }

    /// <inheritdoc />
    public int CompareTo(UsdAmount other) => NanoUsd.CompareTo(other.NanoUsd);

    /// <summary>Exact decimal USD text without trailing zeros (<c>0</c>, <c>12.5</c>); <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => DecimalText.Format(NanoUsd, Decimals);

    /// <summary>Whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    public static bool operator <(UsdAmount left, UsdAmount right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    public static bool operator >(UsdAmount left, UsdAmount right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is at most <paramref name="right"/>.</summary>
    public static bool operator <=(UsdAmount left, UsdAmount right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is at least <paramref name="right"/>.</summary>
    public static bool operator >=(UsdAmount left, UsdAmount right) => left.CompareTo(right) >= 0;

    private static Result<UsdAmount> Negative() =>
        Result.Fail<UsdAmount>(DomainError.Invalid("invalid_amount", "a USD amount must not be negative."));

    private static Result<UsdAmount> Overflow() =>
        Result.Fail<UsdAmount>(DomainError.Invalid("amount_overflow", "the USD amount is too large (at most 9223372036.854775807)."));
}
