using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DecentCloud.Adapters.Notifications;

/// <summary>A certificate pinned by the SHA-256 of its DER encoding.</summary>
internal static class CertificatePin
{
    /// <summary>The pin as 64 upper-case hex digits, or <c>null</c> when it is not a SHA-256 in hex.</summary>
    public static string? Normalize(string pin)
    {
        var hex = pin.Replace(":", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }

    /// <summary>The SHA-256 of <paramref name="certificate"/> as 64 upper-case hex digits.</summary>
    public static string Of(X509Certificate certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).ToUpper(CultureInfo.InvariantCulture);
}
