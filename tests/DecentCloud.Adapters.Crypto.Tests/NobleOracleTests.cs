using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    private static async Task<JsonElement> OracleAsync(byte[] seed, ContractId contract, string password)
    {
        var input = new JsonObject { ["recipientEd25519Seed"] = Convert.ToHexStringLower(seed), ["contractId"] = contract.Hex, ["password"] = password };
        var output = await NodeOracle.RunAsync("credential-legacy.mjs", input);
        return JsonDocument.Parse(output.ToJsonString()).RootElement.Clone();
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
