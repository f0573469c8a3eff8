using DecentCloud.Adapters.Crypto;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Agent.Tests;

public sealed class DecryptCommandTests : IDisposable
{
    private const string Password = "Tk3!xQ9#mV2$hL7@cZ5%rW8^";
    private static readonly string ContractHex = new('d', 64);
    private static readonly byte[] AccountSeed = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] DeviceSeed = Enumerable.Range(70, 32).Select(i => (byte)i).ToArray();
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-decrypt-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string BlobFile()
    {
        var blob = CredentialEnvelope.Seal(Password, ContractId.FromHex(ContractHex).Value,
        [
            new CredentialRecipient(RecipientKind.Account, X25519Keys.PublicFromSecret(X25519Keys.AccountSecretFromSeed(AccountSeed))),
            new CredentialRecipient(RecipientKind.Device, X25519Keys.PublicFromEd25519PublicKey(Ed25519ph.PublicKeyFromSeed(DeviceSeed))),
        ]);
        var path = Path.Combine(_dir, "blob.json");
        File.WriteAllText(path, blob);
        return path;
    }

    [Fact]
    public async Task Prints_the_password_with_the_account_seed_or_a_device_seed()
    {
        var blob = BlobFile();
        var (exit, stdout, _) = await AgentCli.RunAsync("credentials", "decrypt", "--blob", blob, "--contract-id", ContractHex, "--seed-hex", Convert.ToHexString(AccountSeed));
        Assert.Equal((0, Password + Environment.NewLine), (exit, stdout));

        var seedFile = Path.Combine(_dir, "seed");
        File.WriteAllText(seedFile, Convert.ToHexStringLower(DeviceSeed) + "\n");
        var (exit2, stdout2, _) = await AgentCli.RunAsync("credentials", "decrypt", "--blob", blob, "--contract-id", ContractHex, "--seed-file", seedFile);
        Assert.Equal((0, Password + Environment.NewLine), (exit2, stdout2));
    }

    [Fact]
    public async Task Refuses_another_contract_a_foreign_seed_and_bad_arguments()
    {
        var blob = BlobFile();
        var (exit, stdout, stderr) = await AgentCli.RunAsync("credentials", "decrypt", "--blob", blob, "--contract-id", new string('e', 64), "--seed-hex", Convert.ToHexString(AccountSeed));
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("another contract", stderr);

        var (exit2, _, stderr2) = await AgentCli.RunAsync("credentials", "decrypt", "--blob", blob, "--contract-id", ContractHex, "--seed-hex", new string('1', 64));
        Assert.Equal(1, exit2);
        Assert.Contains("not among the blob's recipients", stderr2);

        var (exit3, _, _) = await AgentCli.RunAsync("credentials", "decrypt", "--blob", blob, "--contract-id", ContractHex);
        Assert.NotEqual(0, exit3);
        var (exit4, _, stderr4) = await AgentCli.RunAsync("credentials", "decrypt", "--blob", blob, "--contract-id", "xyz", "--seed-hex", "00");
        Assert.Equal(2, exit4);
        Assert.Contains("--contract-id", stderr4);
    }
}
