using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace DecentCloud.Adapters.Crypto.Credentials;

/// <summary>The X25519 keys credentials are encrypted to: converted device keys and the seed-derived account key.</summary>
public static class X25519Keys
{
    /// <summary>Key size in bytes.</summary>
    public const int Size = 32;

    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly byte[] AccountKeyLabel = Encoding.ASCII.GetBytes("decent-cloud/account-credential-key/v1");

    /// <summary>The account-level credential secret: HKDF-SHA256 of the account seed with a fixed label, so every device holding the seed derives it.</summary>
    public static byte[] AccountSecretFromSeed(ReadOnlySpan<byte> accountSeed)
    {
        if (accountSeed.Length < 16)
        {
            throw new ArgumentException("an account seed has at least 16 bytes", nameof(accountSeed));
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, accountSeed.ToArray(), Size, salt: [], info: AccountKeyLabel);
    }

    /// <summary>A device's X25519 secret from its Ed25519 seed: clamp(SHA-512(seed)[0..32]).</summary>
    public static byte[] SecretFromEd25519Seed(ReadOnlySpan<byte> ed25519Seed)
    {
        if (ed25519Seed.Length != Size)
        {
            throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(ed25519Seed));
        }

        var secret = SHA512.HashData(ed25519Seed)[..Size];
        secret[0] &= 248;
        secret[31] &= 127;
        secret[31] |= 64;
        return secret;
    }

    /// <summary>A device's X25519 public key from its Ed25519 public key: u = (1 + y) / (1 − y) mod 2^255 − 19.</summary>
    public static byte[] PublicFromEd25519PublicKey(ReadOnlySpan<byte> ed25519PublicKey)
    {
        if (ed25519PublicKey.Length != Size)
        {
            throw new ArgumentException("an Ed25519 public key is 32 bytes", nameof(ed25519PublicKey));
        }

        var encoded = ed25519PublicKey.ToArray();
        encoded[31] &= 0x7F;
        var y = new BigInteger(encoded, isUnsigned: true, isBigEndian: false);
        var denominator = Mod(1 - y);
        if (y >= P || denominator.IsZero)
        {
            throw new ArgumentException("not a valid Ed25519 public key", nameof(ed25519PublicKey));
        }

        var u = Mod((1 + y) * BigInteger.ModPow(denominator, P - 2, P));
        var bytes = new byte[Size];
        u.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }

    /// <summary>The public key of an X25519 secret.</summary>
    public static byte[] PublicFromSecret(ReadOnlySpan<byte> secret)
    {
        var result = new byte[Size];
        X25519.ScalarMultBase(CheckedKey(secret), 0, result, 0);
        return result;
    }

    /// <summary>The raw X25519 shared secret; fails for low-order public keys (an all-zero result).</summary>
    public static byte[] Agree(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> publicKey)
    {
        var shared = new byte[Size];
        if (!X25519.CalculateAgreement(CheckedKey(secret), 0, CheckedKey(publicKey), 0, shared, 0))
        {
            throw new CryptographicException("the public key is of low order");
        }

        return shared;
    }

    private static byte[] CheckedKey(ReadOnlySpan<byte> key) =>
        key.Length == Size ? key.ToArray() : throw new ArgumentException("X25519 keys are 32 bytes", nameof(key));

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }
}
