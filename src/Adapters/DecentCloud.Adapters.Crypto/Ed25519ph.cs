using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace DecentCloud.Adapters.Crypto;

/// <summary>Ed25519ph (SHA-512 prehash) with the DecentCloud context, as specified for agent requests.</summary>
public static class Ed25519ph
{
    /// <summary>The signature context.</summary>
    public static readonly byte[] Context = Encoding.ASCII.GetBytes("decent-cloud");

    /// <summary>Length of a seed (private key), public key and signature half.</summary>
    public const int KeySize = 32;

    /// <summary>The public key of a 32-byte seed.</summary>
    public static byte[] PublicKeyFromSeed(ReadOnlySpan<byte> seed)
    {
        var key = new Ed25519PrivateKeyParameters(CheckedSeed(seed));
        return key.GeneratePublicKey().GetEncoded();
    }

    /// <summary>Signs <paramref name="message"/> with the key of <paramref name="seed"/>.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519phSigner(Context);
        signer.Init(true, new Ed25519PrivateKeyParameters(CheckedSeed(seed)));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>Whether <paramref name="signature"/> is valid; malformed keys or signatures are simply invalid.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != KeySize || signature.Length != KeySize * 2)
        {
            return false;
        }

        try
        {
            var signer = new Ed25519phSigner(Context);
            signer.Init(false, new Ed25519PublicKeyParameters(publicKey));
            signer.BlockUpdate(message);
            return signer.VerifySignature(signature.ToArray());
        }
        catch (ArgumentException)
        {
            // Not a point on the curve.
            return false;
        }
    }

    private static byte[] CheckedSeed(ReadOnlySpan<byte> seed) =>
        seed.Length == KeySize ? seed.ToArray() : throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
}
