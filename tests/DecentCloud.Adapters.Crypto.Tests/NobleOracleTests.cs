using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Adapters.Crypto.Tests;

/// <summary>
/// Cross-checks against an independent implementation: <c>tests/node/credential-legacy.mjs</c>, written
/// from the spec with @noble/curves, @noble/ciphers and @noble/hashes (installed by scripts/test.sh).
/// </summary>
public class NobleOracleTests
{
    private static string NodeFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "tests", "node");
            if (File.Exists(Path.Combine(folder, "package.json")))
            {
                return Directory.Exists(Path.Combine(folder, "node_modules", "@noble", "ciphers"))
                    ? folder
                    : throw new InvalidOperationException($"{folder}/node_modules is missing; ./scripts/test.sh installs the @noble packages with npm.");
            }
        }

        throw new InvalidOperationException("tests/node not found");
    }

    private static async Task<JsonElement> OracleAsync(byte[] seed, ContractId contract, string password)
    {
        var start = new ProcessStartInfo("node", ["credential-legacy.mjs"])
        {
            WorkingDirectory = NodeFolder(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new { recipientEd25519Seed = Convert.ToHexStringLower(seed), contractId = contract.Hex, password }));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public async Task Blobs_and_key_conversions_of_the_noble_implementation_match_ours()
    {
        for (var i = 0; i < 25; i++)
        {
            var seed = RandomNumberGenerator.GetBytes(32);
            var contract = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
            var other = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)) + "é€";
            var oracle = await OracleAsync(seed, contract, password);

            Assert.Equal(oracle.GetProperty("deviceX25519Public").GetString(), Convert.ToHexStringLower(X25519Keys.PublicFromEd25519PublicKey(Ed25519ph.PublicKeyFromSeed(seed))));
            var secret = X25519Keys.SecretFromEd25519Seed(seed);
            Assert.Equal(oracle.GetProperty("deviceX25519Secret").GetString(), Convert.ToHexStringLower(secret));

            Assert.Equal(password, CredentialEnvelope.Open(oracle.GetProperty("v1").GetString()!, contract, secret).Value);
            Assert.Equal(password, CredentialEnvelope.Open(oracle.GetProperty("v2").GetString()!, contract, secret).Value);
            Assert.Equal("wrong_contract", CredentialEnvelope.Open(oracle.GetProperty("v2").GetString()!, other, secret).FirstDomainError().Code);
        }
    }
}
