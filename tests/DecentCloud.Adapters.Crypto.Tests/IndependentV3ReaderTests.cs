using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Adapters.Crypto.Tests;

/// <summary>
/// Our v3 envelopes opened by <c>tests/node/credential-v3-reader.mjs</c>, a reader written from
/// docs/credential-envelope.md alone on @noble/curves, @noble/ciphers and @noble/hashes, as a wallet would
/// write it: every recipient opens every envelope, and tampering, another contract or a stranger's key is refused.
/// </summary>
public sealed class IndependentV3ReaderTests
{
    private const string Reader = "credential-v3-reader.mjs";

    private sealed record Sealed(string Envelope, ContractId Contract, string Secret, List<JsonObject> Keys);

    [Fact]
    public async Task The_independent_reader_opens_our_envelopes_for_every_recipient()
    {
        var envelopes = Enumerable.Range(0, 24).Select(Seal).ToList();
        var cases = new JsonArray();
        var expected = new List<string>();
        foreach (var e in envelopes)
        {
            foreach (var key in e.Keys)
            {
                cases.Add(Case(e.Envelope, e.Contract.Hex, key));
                expected.Add(e.Secret);
            }
        }

        var results = await ReadAsync(cases);
        Assert.Equal(expected.Count, results.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(results[i]!["secret"] is not null, $"case {i}: {results[i]!.ToJsonString()}");
            Assert.Equal(expected[i], results[i]!["secret"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_independent_reader_refuses_tampered_envelopes_other_contracts_and_strangers()
    {
        var cases = new JsonArray();
        var codes = new List<string>();
        foreach (var e in Enumerable.Range(0, 8).Select(Seal))
        {
            var key = e.Keys[^1];
            var other = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value.Hex;

            Add(Edit(e.Envelope, json => json["ciphertext"] = Flip(json["ciphertext"]!.GetValue<string>())), e.Contract.Hex, key, "decryption_failed");
            Add(Edit(e.Envelope, json => json["nonce"] = Flip(json["nonce"]!.GetValue<string>())), e.Contract.Hex, key, "decryption_failed");
            Add(Edit(e.Envelope, json => Entries(json).ForEach(r => r["wrapped_key"] = Flip(r["wrapped_key"]!.GetValue<string>()))), e.Contract.Hex, key, "decryption_failed");
            Add(Edit(e.Envelope, json => Entries(json).ForEach(r => r["nonce"] = Flip(r["nonce"]!.GetValue<string>()))), e.Contract.Hex, key, "decryption_failed");

            // Another contract's AAD: asked for another contract, and the blob relabelled to claim it.
            Add(e.Envelope, other, key, "wrong_contract");
            Add(Edit(e.Envelope, json => json["contract_id"] = other), other, key, "decryption_failed");
            Add(Edit(e.Envelope, json => json["purpose"] = "ssh-key"), e.Contract.Hex, key, "wrong_purpose");
            Add(Edit(e.Envelope, json => json["version"] = 2), e.Contract.Hex, key, "unsupported_version");
            Add(e.Envelope, e.Contract.Hex, new JsonObject { ["kind"] = "device", ["seed"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) }, "not_a_recipient");
        }

        var results = await ReadAsync(cases);
        Assert.Equal(codes.Count, results.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            Assert.True(results[i]!["error"] is not null, $"case {i} opened although it should be refused with {codes[i]}");
            Assert.Equal(codes[i], results[i]!["error"]!.GetValue<string>());
        }

        void Add(string envelope, string contractHex, JsonObject key, string code)
        {
            cases.Add(Case(envelope, contractHex, key));
            codes.Add(code);
        }
    }

    // An envelope for an account key and one to three device keys, of a random contract id (16 to 64 bytes,
    // so the AAD varies in content and length) and a random secret (ASCII, multi-byte, empty).
    private static Sealed Seal(int index)
    {
        var accountSeed = RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(16, 65));
        var deviceSeeds = Enumerable.Range(0, RandomNumberGenerator.GetInt32(1, 4)).Select(_ => RandomNumberGenerator.GetBytes(32)).ToList();
        var contract = ContractId.FromBytes(RandomNumberGenerator.GetBytes(index % 3 == 0 ? 32 : RandomNumberGenerator.GetInt32(16, 65))).Value;
        var secret = index % 5 == 4 ? string.Empty : Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(18, 60))) + (index % 2 == 0 ? "é€😀" : string.Empty);

        List<CredentialRecipient> recipients =
        [
            new(RecipientKind.Account, X25519Keys.PublicFromSecret(X25519Keys.AccountSecretFromSeed(accountSeed))),
            .. deviceSeeds.Select(seed => new CredentialRecipient(RecipientKind.Device, X25519Keys.PublicFromEd25519PublicKey(Ed25519ph.PublicKeyFromSeed(seed)))),
        ];
        List<JsonObject> keys =
        [
            new() { ["kind"] = "account", ["seed"] = Convert.ToHexStringLower(accountSeed) },
            .. deviceSeeds.Select(seed => new JsonObject { ["kind"] = "device", ["seed"] = Convert.ToHexStringLower(seed) }),
        ];
        return new Sealed(CredentialEnvelope.Seal(secret, contract, recipients), contract, secret, keys);
    }

    private static JsonObject Case(string envelope, string contractHex, JsonObject key) =>
        new() { ["envelope"] = envelope, ["contractId"] = contractHex, ["key"] = key.DeepClone() };

    private static async Task<JsonArray> ReadAsync(JsonArray cases) =>
        (await NodeOracle.RunAsync(Reader, new JsonObject { ["cases"] = cases }))["results"]!.AsArray();

    private static string Edit(string envelope, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(envelope)!.AsObject();
        edit(json);
        return json.ToJsonString();
    }

    private static List<JsonObject> Entries(JsonObject json) => [.. json["recipients"]!.AsArray().Select(r => r!.AsObject())];

    private static string Flip(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[RandomNumberGenerator.GetInt32(bytes.Length)] ^= (byte)(1 << RandomNumberGenerator.GetInt32(8));
        return Convert.ToBase64String(bytes);
    }
}
