namespace DecentCloud.Domain.Gateways;

/// <summary>The character rules shared by DNS labels of the gateway names.</summary>
internal static class DnsLabel
{
    public static bool IsLowerAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    /// <summary>An LDH label in lower case: letters, digits, inner hyphens, 1 to <paramref name="maxLength"/> chars.</summary>
    public static bool IsValid(string value, int minLength, int maxLength, bool allowDoubleHyphen)
    {
        if (value.Length < minLength || value.Length > maxLength)
        {
            return false;
        }

        if (value[0] == '-' || value[^1] == '-')
        {
            return false;
        }

        if (!allowDoubleHyphen && value.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsLowerAlnum(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
