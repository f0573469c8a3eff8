using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Adapters.Crypto.Tests;

public class CredentialEnvelopeTests
{
    private const string Password = "Vq7#uR2!mZ9$kL4@pX8%wN3^";
    private static readonly ContractId Contract = ContractId.FromHex(new string('a', 64)).Value;
    private static readonly ContractId Other = ContractId.FromHex(new string('b', 64)).Value;
    private static readonly byte[] AccountSeed = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] DeviceSeed1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] DeviceSeed2 = Enumerable.Range(50, 32).Select(i => (byte)i).ToArray();

    private static CredentialRecipient Device(byte[] seed) =>
        new(RecipientKind.Device, X25519Keys.PublicFromEd25519PublicKey(Ed25519ph.PublicKeyFromSeed(seed)));

    private static CredentialRecipient Account() =>
        new(RecipientKind.Account, X25519Keys.PublicFromSecret(X25519Keys.AccountSecretFromSeed(AccountSeed)));

    private static string Sealed() => CredentialEnvelope.Seal(Password, Contract, [Account(), Device(DeviceSeed1), Device(DeviceSeed2)]);

    private static string Code(FluentResults.Result<string> result) => result.FirstDomainError().Code;

    [Fact]
    public void Converted_device_keys_agree_with_the_converted_seed() =>
        Gen.Byte.Array[32].Sample(seed =>
            X25519Keys.PublicFromEd25519PublicKey(Ed25519ph.PublicKeyFromSeed(seed))
                .SequenceEqual(X25519Keys.PublicFromSecret(X25519Keys.SecretFromEd25519Seed(seed))), iter: 300);

    [Fact]
    public void Every_recipient_opens_the_same_envelope()
    {
        var blob = Sealed();
        Assert.Equal(Password, CredentialEnvelope.Open(blob, Contract, X25519Keys.AccountSecretFromSeed(AccountSeed)).Value);
        Assert.Equal(Password, CredentialEnvelope.Open(blob, Contract, X25519Keys.SecretFromEd25519Seed(DeviceSeed1)).Value);
        Assert.Equal(Password, CredentialEnvelope.Open(blob, Contract, X25519Keys.SecretFromEd25519Seed(DeviceSeed2)).Value);
        Assert.DoesNotContain(Password, blob);
    }

    [Fact]
    public void A_blob_of_another_contract_does_not_open()
    {
        var result = CredentialEnvelope.Open(Sealed(), Other, X25519Keys.AccountSecretFromSeed(AccountSeed));
        Assert.Equal("wrong_contract", Code(result));
    }

    [Fact]
    public void A_key_that_is_not_a_recipient_does_not_open()
    {
        var stranger = X25519Keys.SecretFromEd25519Seed(new byte[32]);
        Assert.Equal("not_a_recipient", Code(CredentialEnvelope.Open(Sealed(), Contract, stranger)));
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("nonce")]
    public void A_flipped_bit_in_the_content_fails(string field)
    {
        var json = JsonNode.Parse(Sealed())!.AsObject();
        json[field] = Flip(json[field]!.GetValue<string>());
        Assert.Equal("decryption_failed", Code(CredentialEnvelope.Open(json.ToJsonString(), Contract, X25519Keys.AccountSecretFromSeed(AccountSeed))));
    }

    [Theory]
    [InlineData("wrapped_key")]
    [InlineData("ephemeral_pubkey")]
    [InlineData("nonce")]
    public void A_flipped_bit_in_the_wrapped_key_fails(string field)
    {
        var json = JsonNode.Parse(Sealed())!.AsObject();
        var entry = json["recipients"]![0]!.AsObject();
        entry[field] = Flip(entry[field]!.GetValue<string>());
        Assert.True(CredentialEnvelope.Open(json.ToJsonString(), Contract, X25519Keys.AccountSecretFromSeed(AccountSeed)).IsFailed);
    }

    [Fact]
    public void Editing_the_contract_or_purpose_fields_does_not_move_a_blob_to_another_contract()
    {
        var json = JsonNode.Parse(Sealed())!.AsObject();
        json["contract_id"] = Other.Hex;
        Assert.Equal("decryption_failed", Code(CredentialEnvelope.Open(json.ToJsonString(), Other, X25519Keys.AccountSecretFromSeed(AccountSeed))));
        json["contract_id"] = Contract.Hex;
        json["purpose"] = "ssh-key";
        Assert.Equal("wrong_purpose", Code(CredentialEnvelope.Open(json.ToJsonString(), Contract, X25519Keys.AccountSecretFromSeed(AccountSeed))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"version\":9}")]
    [InlineData("{\"version\":3}")]
    [InlineData("{\"version\":2,\"aad\":\"not base64!\"}")]
    public void Malformed_blobs_are_refused_not_thrown(string blob) =>
        Assert.True(CredentialEnvelope.Open(blob, Contract, X25519Keys.AccountSecretFromSeed(AccountSeed)).IsFailed);

    [Fact]
    public void Legacy_v1_and_v2_blobs_open_and_v2_checks_its_contract()
    {
        var recipientSecret = X25519Keys.SecretFromEd25519Seed(DeviceSeed1);
        var recipientPublic = X25519Keys.PublicFromSecret(recipientSecret);
        var v1 = Legacy(1, "credential-encryption-v1", recipientPublic, aad: null);
        Assert.Equal(Password, CredentialEnvelope.Open(v1, Contract, recipientSecret).Value);

        var v2 = Legacy(2, "credential-encryption-v2-aad", recipientPublic, aad: Contract.ToBytes());
        Assert.Equal(Password, CredentialEnvelope.Open(v2, Contract, recipientSecret).Value);
        Assert.Equal("wrong_contract", Code(CredentialEnvelope.Open(v2, Other, recipientSecret)));

        var lying = Legacy(2, "credential-encryption-v2-aad", recipientPublic, aad: Contract.ToBytes(), claimedAad: Other.ToBytes());
        Assert.Equal("decryption_failed", Code(CredentialEnvelope.Open(lying, Other, recipientSecret)));
    }

    /// <summary>A v1/v2 blob made by the rules of the spec: key = SHA-512(label ‖ X25519 shared)[..32], XChaCha20-Poly1305, standard base64.</summary>
    private static string Legacy(int version, string label, byte[] recipientPublic, byte[]? aad, byte[]? claimedAad = null)
    {
        var ephemeral = RandomNumberGenerator.GetBytes(32);
        var shared = X25519Keys.Agree(ephemeral, recipientPublic);
        var key = SHA512.HashData([.. Encoding.ASCII.GetBytes(label), .. shared])[..32];
        var nonce = RandomNumberGenerator.GetBytes(24);
        var json = new JsonObject
        {
            ["version"] = version,
            ["ephemeral_pubkey"] = Convert.ToBase64String(X25519Keys.PublicFromSecret(ephemeral)),
            ["nonce"] = Convert.ToBase64String(nonce),
            ["ciphertext"] = Convert.ToBase64String(XChaCha20Poly1305.Seal(key, nonce, aad ?? [], Encoding.UTF8.GetBytes(Password))),
        };
        if (aad is not null)
        {
            json["aad"] = Convert.ToBase64String(claimedAad ?? aad);
        }

        return json.ToJsonString();
    }

    private static string Flip(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[bytes.Length / 2] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }
}
