using DecentCloud.Adapters.Crypto;
using DecentCloud.Hosting.Configuration;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.PayoutCli.Settings;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>The key settings: every accepted form gives the same key; the wallet PEM as dfx writes it.</summary>
public sealed class SettingsTests
{
    private static readonly byte[] Seed = Enumerable.Range(0, 32).Select(i => (byte)(3 * i + 1)).ToArray();

    [Fact]
    public async Task The_admin_key_reads_from_hex_a_raw_seed_file_a_hex_file_and_a_PKCS8_PEM()
    {
        var expected = Convert.ToHexStringLower(Ed25519ph.PublicKeyFromSeed(Seed));
        var raw = Path.GetTempFileName();
        var hex = Path.GetTempFileName();
        var pem = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(raw, Seed, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(hex, Convert.ToHexString(Seed) + "\n", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(pem, LedgerFixture.Pem(Seed), TestContext.Current.CancellationToken);

            Assert.Equal(expected, AdminKey.Load(Convert.ToHexString(Seed), null).PublicKeyHex);
            Assert.Equal(expected, AdminKey.Load(null, raw).PublicKeyHex);
            Assert.Equal(expected, AdminKey.Load(null, hex).PublicKeyHex);
            Assert.Equal(expected, AdminKey.Load(null, pem).PublicKeyHex);
            Assert.Equal($"admin key {expected}", AdminKey.Load(null, pem).ToString());
            var both = Assert.Throws<InvalidSettingsException>(() => AdminKey.Load(Convert.ToHexString(Seed), raw));
            Assert.Contains("not both", both.Message);
            var missing = Assert.Throws<InvalidSettingsException>(() => AdminKey.Load(null, raw + ".missing"));
            Assert.Contains("DC_PAYOUT_ADMIN_KEY_FILE (Payout:AdminKeyFile): cannot read", missing.Message);
        }
        finally
        {
            File.Delete(raw);
            File.Delete(hex);
            File.Delete(pem);
        }
    }

    [Fact]
    public void The_wallet_reads_the_PEM_dfx_writes_and_shows_only_its_principal()
    {
        var wallet = WalletKey.Load(LedgerFixture.Pem(Seed), null);

        var principal = Ed25519Identity.FromSeed(Seed).Sender;
        Assert.Equal(principal, wallet.Identity.Sender);
        Assert.Equal($"wallet {principal.ToText()}", wallet.ToString());
    }

    [Fact]
    public void The_wallet_reads_a_secp256k1_SEC1_PEM_as_dfx_writes_for_such_identities()
    {
        // SEC1 ECPrivateKey: version 1, the 32-byte secret, the curve secp256k1 (1.3.132.0.10).
        var der = Convert.FromHexString("302e0201010420" + Convert.ToHexString(Seed) + "a00706052b8104000a");
        var pem = "-----BEGIN EC PRIVATE KEY-----\n" + Convert.ToBase64String(der) + "\n-----END EC PRIVATE KEY-----\n";

        var wallet = WalletKey.Load(pem, null);

        Assert.IsType<Secp256k1Identity>(wallet.Identity);
        Assert.Equal(Secp256k1Identity.FromSecret(Seed).Sender, wallet.Identity.Sender);
    }
}
