using System.Globalization;
using System.Numerics;

namespace DecentCloud.Domain.Money;

/// <summary>
/// Exact conversion between integer base units and plain decimal text (<c>12.5</c>), with integers only: no
/// <c>double</c> or <c>decimal</c> rounding anywhere.
/// </summary>
internal static class DecimalText
{
    // Longer text is refused before parsing: 80 digits already exceed every amount the product stores.
    private const int MaxLength = 80;

    /// <summary>
    /// Reads <c>DIGITS[.DIGITS]</c> with at most <paramref name="decimals"/> fraction digits into base units;
    /// <c>null</c> for anything else (signs, exponents, separators, spaces, too many fraction digits).
    /// </summary>
    public static BigInteger? Parse(string? text, int decimals)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return null;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        if (whole.Length == 0 || (dot >= 0 && fraction.Length == 0) || fraction.Length > decimals
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return null;
        }

        var digits = whole + fraction.PadRight(decimals, '0');
        return BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>The shortest exact text: whole units, then the fraction without trailing zeros (<c>0</c>, <c>1.5</c>).</summary>
    public static string Format(BigInteger units, int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        var whole = BigInteger.DivRem(units, scale, out var fraction);
        var wholeText = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction.IsZero)
        {
            return wholeText;
        }

        return wholeText + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0').TrimEnd('0');
    }
}
