using System.Security.Cryptography;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Identities;

/// <summary>The self-authenticating principal of a public key: SHA-224(DER public key) ‖ 0x02.</summary>
public static class SelfAuthenticating
{
    /// <summary>The principal of <paramref name="publicKeyDer"/>.</summary>
    public static Principal Of(ReadOnlySpan<byte> publicKeyDer)
    {
        var sha224 = Sha224(publicKeyDer);
        return Principal.FromBytes([.. sha224, 0x02]);
    }

    // .NET has no SHA-224; BouncyCastle's digest provides it.
    private static byte[] Sha224(ReadOnlySpan<byte> data)
    {
        var digest = new Org.BouncyCastle.Crypto.Digests.Sha224Digest();
        digest.BlockUpdate(data);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }
}
