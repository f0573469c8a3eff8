using DecentCloud.Icp.Candid;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace DecentCloud.Icp.Agent.Identities;

/// <summary>An Ed25519 identity: from a 32-byte seed, or from a PKCS#8 PEM as dfx writes it (<c>identity.pem</c>).</summary>
public sealed class Ed25519Identity : IIdentity
{
    /// <summary>The DER prefix of an Ed25519 SubjectPublicKeyInfo (followed by the 32 key bytes).</summary>
    public static ReadOnlySpan<byte> DerPrefix => [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    private readonly Ed25519PrivateKeyParameters _key;

    private Ed25519Identity(Ed25519PrivateKeyParameters key)
    {
        _key = key;
        PublicKey = key.GeneratePublicKey().GetEncoded();
        PublicKeyDer = [.. DerPrefix, .. PublicKey];
        Sender = SelfAuthenticating.Of(PublicKeyDer);
    }

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <inheritdoc />
    public byte[]? PublicKeyDer { get; }

    /// <inheritdoc />
    public Principal Sender { get; }

    /// <summary>From a 32-byte seed.</summary>
    public static Ed25519Identity FromSeed(ReadOnlySpan<byte> seed) =>
        seed.Length == 32 ? new Ed25519Identity(new Ed25519PrivateKeyParameters(seed)) : throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));

    /// <summary>From a PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>); throws <see cref="FormatException"/> for anything else.</summary>
    public static Ed25519Identity FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        try
        {
            using var reader = new StringReader(pem);
            var pemObject = new PemReader(reader).ReadPemObject() ?? throw new FormatException("no PEM block found");
            if (pemObject.Type != "PRIVATE KEY")
            {
                throw new FormatException($"expected a PKCS#8 'PRIVATE KEY' block, found '{pemObject.Type}'");
            }

            return PrivateKeyFactory.CreateKey(pemObject.Content) is Ed25519PrivateKeyParameters key
                ? new Ed25519Identity(key)
                : throw new FormatException("the PEM holds a key that is not Ed25519");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            throw new FormatException($"not an Ed25519 PKCS#8 PEM: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }
}
