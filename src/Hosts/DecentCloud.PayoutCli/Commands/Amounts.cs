using System.Globalization;
using System.Numerics;

namespace DecentCloud.PayoutCli.Commands;

/// <summary>How amounts are shown: nano-USD as dollars, base units as whole tokens, exactly (no rounding).</summary>
internal static class Amounts
{
    /// <summary>Nano-USD as <c>$1.234500000</c> trimmed to at least cents.</summary>
    public static string Usd(long e9s) => "$" + (e9s / 1_000_000_000m).ToString("0.00#######", CultureInfo.InvariantCulture);

    /// <summary>Base units (decimal integer text) in whole tokens, with the symbol.</summary>
    public static string Token(string? baseUnits, int decimals, string? symbol)
    {
        if (baseUnits is null || !BigInteger.TryParse(baseUnits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return "-";
        }

        var scale = BigInteger.Pow(10, decimals);
        var whole = BigInteger.DivRem(value, scale, out var fraction);
        var text = decimals == 0 ? whole.ToString(CultureInfo.InvariantCulture)
            : $"{whole.ToString(CultureInfo.InvariantCulture)}.{fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0')}";
        return symbol is null ? text : $"{text} {symbol}";
    }
}
