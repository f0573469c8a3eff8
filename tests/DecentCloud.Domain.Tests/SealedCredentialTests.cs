using System.Text.Json.Nodes;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Domain.Tests;

/// <summary>Well-formed v3 envelopes built from fixed bytes (the domain only checks shape and recipients; it cannot decrypt).</summary>
internal static class SealedEnvelopes
{
    public static readonly string AccountKey = new('a', 64);

    /// <summary>The Ed25519 public key of seed 00..1f (the spec's conformance vector).</summary>
    public const string DeviceKey = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";

    /// <summary>That key as X25519, u = (1 + y) / (1 − y) mod 2^255 − 19.</summary>
    public const string DeviceX25519 = "4701d08488451f545a409fb58ae3e58581ca40ac3f7f114698cd71deac73ca01";

    public static string B64(int size, byte fill) => Convert.ToBase64String(Enumerable.Repeat(fill, size).ToArray());

    public static JsonObject Recipient(string kind, string keyHex) => new()
    {
        ["kind"] = kind,
        ["public_key"] = Convert.ToBase64String(Convert.FromHexString(keyHex)),
        ["ephemeral_pubkey"] = B64(32, 7),
        ["nonce"] = B64(24, 8),
        ["wrapped_key"] = B64(48, 9),
    };

    public static JsonObject Node(string contractHex) => new()
    {
        ["version"] = 3,
        ["purpose"] = "vm-root-password",
        ["contract_id"] = contractHex,
        ["nonce"] = B64(24, 1),
        ["ciphertext"] = B64(40, 2),
        ["recipients"] = new JsonArray(Recipient("account", AccountKey), Recipient("device", DeviceX25519)),
    };

    public static string Make(string contractHex, Action<JsonObject>? edit = null)
    {
        var node = Node(contractHex);
        edit?.Invoke(node);
        return node.ToJsonString();
    }
}

public class SealedCredentialTests
{
    private static readonly ContractId Id = ContractId.FromHex(new string('c', 64)).Value;

    private static Result<SealedCredential> Parse(string json) => SealedCredential.Parse(json, Id, SealedEnvelopes.AccountKey, [SealedEnvelopes.DeviceKey]);

    [Fact]
    public void A_well_formed_envelope_for_the_accounts_keys_is_stored_canonically()
    {
        var pretty = SealedEnvelopes.Node(Id.Hex).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        var parsed = Parse(pretty);

        Assert.Equal(SealedEnvelopes.Make(Id.Hex), parsed.Value.Canonical);
    }

    public static TheoryData<string, string> Tampered() => new()
    {
        { "extra password field", SealedEnvelopes.Make(new string('c', 64), e => e["password"] = "hunter2hunter2hunter2") },
        { "plaintext ciphertext", SealedEnvelopes.Make(new string('c', 64), e => e["ciphertext"] = "PLAINTEXT:hunter2hunter2hunter2") },
        { "non-canonical base64", SealedEnvelopes.Make(new string('c', 64), e => e["ciphertext"] = SealedEnvelopes.B64(40, 2).TrimEnd('=')) },
        { "short nonce", SealedEnvelopes.Make(new string('c', 64), e => e["nonce"] = SealedEnvelopes.B64(12, 1)) },
        { "huge ciphertext", SealedEnvelopes.Make(new string('c', 64), e => e["ciphertext"] = SealedEnvelopes.B64(4000, 2)) },
        { "wrong purpose", SealedEnvelopes.Make(new string('c', 64), e => e["purpose"] = "note") },
        { "upper-case contract id", SealedEnvelopes.Make(new string('C', 64)) },
        { "version as text", SealedEnvelopes.Make(new string('c', 64), e => e["version"] = "3") },
        { "missing device", SealedEnvelopes.Make(new string('c', 64), e => e["recipients"] = new JsonArray(SealedEnvelopes.Recipient("account", SealedEnvelopes.AccountKey))) },
        { "stranger's key", SealedEnvelopes.Make(new string('c', 64), e => e["recipients"]!.AsArray().Add(SealedEnvelopes.Recipient("device", new string('b', 64)))) },
        { "duplicate recipient", SealedEnvelopes.Make(new string('c', 64), e => e["recipients"]!.AsArray().Add(SealedEnvelopes.Recipient("device", SealedEnvelopes.DeviceX25519))) },
        { "device listed as account", SealedEnvelopes.Make(new string('c', 64), e => e["recipients"] = new JsonArray(SealedEnvelopes.Recipient("account", SealedEnvelopes.AccountKey), SealedEnvelopes.Recipient("account", SealedEnvelopes.DeviceX25519))) },
        { "extra recipient field", SealedEnvelopes.Make(new string('c', 64), e => e["recipients"]![0]!["password"] = "x") },
        { "short wrapped key", SealedEnvelopes.Make(new string('c', 64), e => e["recipients"]![0]!["wrapped_key"] = SealedEnvelopes.B64(32, 9)) },
        { "duplicate field", SealedEnvelopes.Make(new string('c', 64)).Replace("\"version\":3,", "\"version\":3,\"version\":3,", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Anything_but_the_exact_envelope_is_refused(string what, string json)
    {
        var parsed = Parse(json);
        Assert.True(parsed.IsFailed, what);
        Assert.Equal((ErrorKind.Validation, "invalid_envelope"), (parsed.FirstDomainError().Kind, parsed.FirstDomainError().Code));
    }
}
