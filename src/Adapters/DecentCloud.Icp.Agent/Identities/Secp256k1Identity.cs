using DecentCloud.Icp.Candid;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace DecentCloud.Icp.Agent.Identities;

/// <summary>
/// A secp256k1 identity from a SEC1 PEM (<c>-----BEGIN EC PRIVATE KEY-----</c>, as <c>dfx identity import</c>
/// and <c>openssl ecparam -genkey</c> write it). Signs ECDSA over SHA-256 with deterministic nonces (RFC 6979),
/// as 64-byte r ‖ s with low s.
/// </summary>
public sealed class Secp256k1Identity : IIdentity
{
    private static readonly X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");
    private static readonly ECNamedDomainParameters Domain = new(SecObjectIdentifiers.SecP256k1, Curve);
    private readonly ECPrivateKeyParameters _key;

    private Secp256k1Identity(BigInteger d)
    {
        _key = new ECPrivateKeyParameters(d, Domain);
        var publicKey = new ECPublicKeyParameters(Domain.G.Multiply(d).Normalize(), Domain);
        PublicKeyDer = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetEncoded();
        Sender = SelfAuthenticating.Of(PublicKeyDer);
    }

    /// <inheritdoc />
    public byte[]? PublicKeyDer { get; }

    /// <inheritdoc />
    public Principal Sender { get; }

    /// <summary>From a 32-byte secret scalar.</summary>
    public static Secp256k1Identity FromSecret(ReadOnlySpan<byte> secret)
    {
        var d = new BigInteger(1, secret.ToArray());
        return secret.Length == 32 && d.SignValue > 0 && d.CompareTo(Curve.N) < 0
            ? new Secp256k1Identity(d)
            : throw new ArgumentException("a secp256k1 secret is 32 bytes, between 1 and the group order", nameof(secret));
    }

    /// <summary>From a SEC1 PEM; throws <see cref="FormatException"/> for anything else or another curve.</summary>
    public static Secp256k1Identity FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        try
        {
            using var reader = new StringReader(pem);
            var read = new PemReader(reader).ReadObject();
            var key = read switch
            {
                Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair pair => pair.Private as ECPrivateKeyParameters,
                ECPrivateKeyParameters single => single,
                _ => null,
            } ?? throw new FormatException("the PEM holds no EC private key");
            return key.Parameters.Curve.Equals(Curve.Curve)
                ? new Secp256k1Identity(key.D)
                : throw new FormatException("the EC key is not on secp256k1");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or PemException)
        {
            throw new FormatException($"not a secp256k1 SEC1 PEM: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var digest = new byte[32];
        var sha = new Sha256Digest();
        sha.BlockUpdate(message);
        sha.DoFinal(digest, 0);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _key);
        var rs = signer.GenerateSignature(digest);
        var s = rs[1].CompareTo(Curve.N.ShiftRight(1)) > 0 ? Curve.N.Subtract(rs[1]) : rs[1];
        return [.. rs[0].ToByteArrayUnsigned().PadLeft(32), .. s.ToByteArrayUnsigned().PadLeft(32)];
    }
}

internal static class ByteArrayPadding
{
    public static byte[] PadLeft(this byte[] bytes, int length) =>
        bytes.Length >= length ? bytes : [.. new byte[length - bytes.Length], .. bytes];
}
