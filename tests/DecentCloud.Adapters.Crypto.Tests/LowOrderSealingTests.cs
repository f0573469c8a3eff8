using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Adapters.Crypto.Tests;

/// <summary>
/// Sealing refuses a recipient key of low order: its X25519 agreement is all zero whatever the ephemeral secret, so
/// the wrap key would be known to anyone. The whole envelope is refused (no partial envelope), and the error never
/// names the key.
/// </summary>
public class LowOrderSealingTests
{
    private static readonly ContractId Contract = ContractId.FromHex(new string('c', 64)).Value;

    // The small-order u-coordinates of Curve25519 (and of its twist), little-endian, plus non-canonical forms and one
    // with the top bit set (X25519 ignores it).
    public static TheoryData<string> LowOrderKeys => new()
    {
        new string('0', 64),
        "01" + new string('0', 62),
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        new string('0', 62) + "80",
    };

    [Theory]
    [MemberData(nameof(LowOrderKeys))]
    public void A_low_order_recipient_key_is_refused_even_beside_a_good_one(string hex)
    {
        var good = new CredentialRecipient(RecipientKind.Account, X25519Keys.PublicFromSecret(RandomNumberGenerator.GetBytes(32)));
        var bad = new CredentialRecipient(RecipientKind.Device, Convert.FromHexString(hex));

        var refused = Assert.Throws<CryptographicException>(() => CredentialEnvelope.Seal("pw-0123456789abcdefghijkl", Contract, [good, bad]));

        Assert.Contains("low order", refused.Message);
        Assert.DoesNotContain(hex, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<CryptographicException>(() => X25519Keys.Agree(RandomNumberGenerator.GetBytes(32), Convert.FromHexString(hex)));
    }
}
