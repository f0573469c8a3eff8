using System.Security.Cryptography;
using System.Text;

namespace DecentCloud.Application.Common;

/// <summary>
/// Hashes random secrets (acme-dns passwords, setup tokens) for storage and makes new ones.
/// The secrets carry 256 bits from the CSPRNG, so a keyed fast hash is as strong as a slow one
/// here and keeps the update route cheap; the key only separates this use from any other.
/// </summary>
public static class SecretHasher
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("decent-cloud/secret-hash/v1");

    /// <summary>Bytes of entropy in a new secret.</summary>
    public const int SecretBytes = 32;

    /// <summary>A new secret: 32 CSPRNG bytes as unpadded base64url (43 chars).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The stored form of a secret.</summary>
    public static byte[] Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(secret));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
