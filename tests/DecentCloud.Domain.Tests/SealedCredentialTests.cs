using System.Text.Json.Nodes;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Tests.Shared;
using FluentResults;

namespace DecentCloud.Domain.Tests;

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
