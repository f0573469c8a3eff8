using System.Text;

namespace DecentCloud.Api.Client;

/// <summary>
/// RFC 3986 §6.2.2 normalisation of a path or a query for signing: a percent-encoding of an unreserved character is
/// decoded, any other percent-encoding is kept with upper-case hex, a character the component allows as is stays,
/// and every other character (UTF-8) or a stray <c>%</c> is percent-encoded. Two texts normalise to the same string
/// only when a server reads them as the same path or query, and the result is plain ASCII without controls.
/// The API verifies with the same rules (Domain SignedRequest); a test keeps the two copies equal.
/// </summary>
internal static class CanonicalUri
{
    /// <summary>What a path keeps as is besides unreserved characters: sub-delims, <c>:</c>, <c>@</c> and <c>/</c>.</summary>
    public const string PathCharacters = "!$&'()*+,;=:@/";

    /// <summary>What a query keeps as is: the path's characters and <c>?</c>.</summary>
    public const string QueryCharacters = PathCharacters + "?";

    private const string HexDigits = "0123456789ABCDEF";

    public static string Normalize(string text, string allowed)
    {
        var output = new StringBuilder(text.Length);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2]))
            {
                var decoded = (byte)((HexValue(bytes[i + 1]) << 4) | HexValue(bytes[i + 2]));
                Append(output, decoded, allowed: string.Empty);
                i += 2;
            }
            else
            {
                Append(output, b, allowed);
            }
        }

        return output.ToString();
    }

    private static void Append(StringBuilder output, byte b, string allowed)
    {
        if (IsUnreserved(b) || (b < 0x80 && allowed.Contains((char)b, StringComparison.Ordinal)))
        {
            output.Append((char)b);
        }
        else
        {
            output.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f');

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
