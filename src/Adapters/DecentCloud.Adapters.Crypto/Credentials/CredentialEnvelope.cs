using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Adapters.Crypto.Credentials;

/// <summary>Who can open an envelope: the account-level key (from the account seed) or one device key.</summary>
public enum RecipientKind
{
    /// <summary>The account-level credential key every device derives from the account seed.</summary>
    Account,
    /// <summary>One device's key (its Ed25519 key converted to X25519).</summary>
    Device,
}

/// <summary>One recipient: its kind and X25519 public key.</summary>
public sealed record CredentialRecipient(RecipientKind Kind, byte[] PublicKey);

/// <summary>
/// The end-to-end envelope of a VM credential. Sealed as v3: the secret is encrypted once with a random
/// content key (XChaCha20-Poly1305, random 24-byte nonce), and that key is wrapped for every recipient
/// with an ephemeral X25519 agreement and HKDF-SHA256 over (shared ‖ ephemeral public ‖ recipient public).
/// Both layers authenticate AAD = 0x03 ‖ "vm-root-password" ‖ 0x00 ‖ contract id, so a blob only opens
/// for the contract it was made for. v1 and v2 blobs of the earlier platform are read too.
/// </summary>
public static class CredentialEnvelope
{
    /// <summary>The purpose bound into the AAD.</summary>
    public const string Purpose = "vm-root-password";

    private const int ContentKeySize = 32;
    private static readonly byte[] WrapLabel = Encoding.ASCII.GetBytes("decent-cloud/credential-envelope/v3/wrap");
    private static readonly byte[] V1Label = Encoding.ASCII.GetBytes("credential-encryption-v1");
    private static readonly byte[] V2Label = Encoding.ASCII.GetBytes("credential-encryption-v2-aad");

    /// <summary>Seals <paramref name="secret"/> for <paramref name="recipients"/> as a v3 JSON blob.</summary>
    public static string Seal(string secret, ContractId contractId, IReadOnlyList<CredentialRecipient> recipients)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(contractId);
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("an envelope needs at least one recipient", nameof(recipients));
        }

        var aad = V3Aad(contractId);
        var contentKey = RandomNumberGenerator.GetBytes(ContentKeySize);
        var nonce = RandomNumberGenerator.GetBytes(XChaCha20Poly1305.NonceSize);
        var wrapped = new JsonArray();
        foreach (var recipient in recipients)
        {
            var ephemeralSecret = RandomNumberGenerator.GetBytes(X25519Keys.Size);
            var ephemeralPublic = X25519Keys.PublicFromSecret(ephemeralSecret);
            var wrapKey = WrapKey(X25519Keys.Agree(ephemeralSecret, recipient.PublicKey), ephemeralPublic, recipient.PublicKey);
            var wrapNonce = RandomNumberGenerator.GetBytes(XChaCha20Poly1305.NonceSize);
            wrapped.Add(new JsonObject
            {
                ["kind"] = recipient.Kind == RecipientKind.Account ? "account" : "device",
                ["public_key"] = Convert.ToBase64String(recipient.PublicKey),
                ["ephemeral_pubkey"] = Convert.ToBase64String(ephemeralPublic),
                ["nonce"] = Convert.ToBase64String(wrapNonce),
                ["wrapped_key"] = Convert.ToBase64String(XChaCha20Poly1305.Seal(wrapKey, wrapNonce, aad, contentKey)),
            });
            CryptographicOperations.ZeroMemory(ephemeralSecret);
            CryptographicOperations.ZeroMemory(wrapKey);
        }

        var blob = new JsonObject
        {
            ["version"] = 3,
            ["purpose"] = Purpose,
            ["contract_id"] = contractId.Hex,
            ["nonce"] = Convert.ToBase64String(nonce),
            ["ciphertext"] = Convert.ToBase64String(XChaCha20Poly1305.Seal(contentKey, nonce, aad, Encoding.UTF8.GetBytes(secret))),
            ["recipients"] = wrapped,
        };
        CryptographicOperations.ZeroMemory(contentKey);
        return blob.ToJsonString();
    }

    /// <summary>
    /// Opens a v1, v2 or v3 blob with an X25519 secret, for the contract the caller expects. Fails for a
    /// blob of another contract, a key that is not a recipient, or any tampering.
    /// </summary>
    public static Result<string> Open(string blob, ContractId expectedContractId, ReadOnlySpan<byte> recipientSecret)
    {
        ArgumentNullException.ThrowIfNull(expectedContractId);
        if (recipientSecret.Length != X25519Keys.Size)
        {
            return Fail("invalid_key", "the recipient secret must be 32 bytes");
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(blob) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return Fail("malformed_blob", "the credential blob is not a JSON object");
        }

        try
        {
            var secret = recipientSecret.ToArray();
            return Version(json) switch
            {
                1 => OpenLegacy(json, secret, V1Label, aad: []),
                2 => OpenV2(json, expectedContractId, secret),
                3 => OpenV3(json, expectedContractId, secret),
                _ => Fail("unsupported_version", "the credential blob has an unknown version"),
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or JsonException or ArgumentException or CryptographicException)
        {
            return Fail("malformed_blob", "the credential blob is malformed");
        }
    }

    private static int Version(JsonObject json) => json["version"]?.GetValue<int>() ?? 0;

    private static Result<string> OpenV2(JsonObject json, ContractId expected, byte[] secret)
    {
        var aad = Bytes(json, "aad");
        return CryptographicOperations.FixedTimeEquals(aad, expected.ToBytes())
            ? OpenLegacy(json, secret, V2Label, expected.ToBytes())
            : Fail("wrong_contract", "the credential blob belongs to another contract");
    }

    private static Result<string> OpenLegacy(JsonObject json, byte[] secret, byte[] label, byte[] aad)
    {
        var shared = X25519Keys.Agree(secret, Bytes(json, "ephemeral_pubkey"));
        var key = SHA512.HashData([.. label, .. shared])[..ContentKeySize];
        return Decrypted(XChaCha20Poly1305.Open(key, Bytes(json, "nonce"), aad, Bytes(json, "ciphertext")));
    }

    private static Result<string> OpenV3(JsonObject json, ContractId expected, byte[] secret)
    {
        if (json["purpose"]?.GetValue<string>() != Purpose)
        {
            return Fail("wrong_purpose", "the credential blob is not a VM password");
        }

        if (json["contract_id"]?.GetValue<string>() != expected.Hex)
        {
            return Fail("wrong_contract", "the credential blob belongs to another contract");
        }

        // The AAD is rebuilt from what the caller expects, so a blob whose fields were edited cannot pass.
        var aad = V3Aad(expected);
        var ours = X25519Keys.PublicFromSecret(secret);
        foreach (var entry in json["recipients"]!.AsArray().OfType<JsonObject>())
        {
            if (!CryptographicOperations.FixedTimeEquals(Bytes(entry, "public_key"), ours))
            {
                continue;
            }

            var ephemeral = Bytes(entry, "ephemeral_pubkey");
            var wrapKey = WrapKey(X25519Keys.Agree(secret, ephemeral), ephemeral, ours);
            var contentKey = XChaCha20Poly1305.Open(wrapKey, Bytes(entry, "nonce"), aad, Bytes(entry, "wrapped_key"));
            if (contentKey is null)
            {
                return Fail("decryption_failed", "the credential blob does not open with this key");
            }

            return Decrypted(XChaCha20Poly1305.Open(contentKey, Bytes(json, "nonce"), aad, Bytes(json, "ciphertext")));
        }

        return Fail("not_a_recipient", "this key is not among the blob's recipients");
    }

    private static byte[] V3Aad(ContractId contractId) => [3, .. Encoding.ASCII.GetBytes(Purpose), 0, .. contractId.ToBytes()];

    private static byte[] WrapKey(byte[] shared, byte[] ephemeralPublic, byte[] recipientPublic) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, [.. shared, .. ephemeralPublic, .. recipientPublic], ContentKeySize, salt: [], info: WrapLabel);

    private static byte[] Bytes(JsonObject json, string name) => Convert.FromBase64String(json[name]!.GetValue<string>());

    private static Result<string> Decrypted(byte[]? plaintext) =>
        plaintext is null ? Fail("decryption_failed", "the credential blob does not open with this key") : Encoding.UTF8.GetString(plaintext);

    private static Result<string> Fail(string code, string message) => Result.Fail<string>(DomainError.Invalid(code, message));
}
