namespace DecentCloud.Domain.Accounts;

/// <summary>Reads a 32-byte key written as 64 hex characters.</summary>
internal static class KeyHex
{
    public static bool TryRead(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is not { Length: Account.KeySize * 2 } || !hex.All(Uri.IsHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }
}
