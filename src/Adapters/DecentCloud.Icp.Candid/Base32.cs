namespace DecentCloud.Icp.Candid;

/// <summary>RFC 4648 base32 in lower case without padding, as the IC's texts use it.</summary>
internal static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, i = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[i++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[i++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, i);
    }

    /// <summary>Decodes; <c>null</c> for a character outside the alphabet or non-zero trailing bits.</summary>
    public static byte[]? Decode(string text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, i = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes[i++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return (buffer & ((1 << bits) - 1)) == 0 ? bytes : null;
    }
}
