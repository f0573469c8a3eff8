using NSec.Cryptography;

namespace DecentCloud.Adapters.Crypto.Credentials;

/// <summary>XChaCha20-Poly1305 (libsodium through NSec) with 32-byte keys and 24-byte nonces.</summary>
internal static class XChaCha20Poly1305
{
    public const int NonceSize = 24;

    private static readonly AeadAlgorithm Algorithm = AeadAlgorithm.XChaCha20Poly1305;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext)
    {
        using var k = Key.Import(Algorithm, key, KeyBlobFormat.RawSymmetricKey);
        return Algorithm.Encrypt(k, nonce, aad, plaintext);
    }

    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext)
    {
        if (key.Length != Algorithm.KeySize || nonce.Length != NonceSize || ciphertext.Length < Algorithm.TagSize)
        {
            return null;
        }

        using var k = Key.Import(Algorithm, key, KeyBlobFormat.RawSymmetricKey);
        var plaintext = new byte[ciphertext.Length - Algorithm.TagSize];
        return Algorithm.Decrypt(k, nonce, aad, ciphertext, plaintext) ? plaintext : null;
    }
}
