using System.Numerics;
using System.Text.Json;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>
/// A v3 credential envelope as the API accepts it: exactly the documented fields, version 3, purpose
/// <c>vm-root-password</c>, this contract's id, canonical base64 of the right sizes, and one wrapped key for
/// the account's credential key and for each of its active devices, no more and no less. The API cannot decrypt it,
/// so this is what keeps a plaintext password (or a copy sealed for someone else) from ever being stored;
/// <see cref="Canonical"/> is what is stored and shown.
/// </summary>
public sealed record SealedCredential
{
    /// <summary>The envelope version accepted.</summary>
    public const int Version = 3;

    /// <summary>The purpose bound into the envelope.</summary>
    public const string Purpose = "vm-root-password";

    /// <summary>Size of the content and wrap nonces (XChaCha20-Poly1305) in bytes.</summary>
    public const int NonceSize = 24;

    /// <summary>Size of an X25519 key in bytes.</summary>
    public const int KeySize = 32;

    /// <summary>Size of the Poly1305 tag in bytes.</summary>
    public const int TagSize = 16;

    /// <summary>Longest secret (in UTF-8 bytes) an envelope may carry.</summary>
    public const int MaxSecretBytes = 256;

    /// <summary>Most recipients an envelope may have (the account key and the devices).</summary>
    public const int MaxRecipients = 33;

    private static readonly string[] EnvelopeFields = ["version", "purpose", "contract_id", "nonce", "ciphertext", "recipients"];
    private static readonly string[] RecipientFields = ["kind", "public_key", "ephemeral_pubkey", "nonce", "wrapped_key"];
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    private SealedCredential(string canonical) => Canonical = canonical;

    /// <summary>The envelope re-serialised in the documented field order, without whitespace.</summary>
    public string Canonical { get; }

    /// <summary>
    /// Parses <paramref name="json"/> strictly for <paramref name="contractId"/>, whose requester has the X25519 credential
    /// key <paramref name="accountKeyHex"/> and the Ed25519 device keys <paramref name="deviceKeysHex"/>.
    /// </summary>
    public static Result<SealedCredential> Parse(string? json, ContractId contractId, string accountKeyHex, IReadOnlyCollection<string> deviceKeysHex)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        ArgumentNullException.ThrowIfNull(accountKeyHex);
        ArgumentNullException.ThrowIfNull(deviceKeysHex);
        if (json is null || json.Length > ContractCredential.MaxEnvelopeLength)
        {
            return Invalid("credentials must be a v3 envelope (JSON object) of at most 16384 characters.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, contractId, Expected(accountKeyHex, deviceKeysHex));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return Invalid("credentials must be a v3 envelope (JSON object).");
        }
    }

    private static Result<SealedCredential> Read(JsonElement root, ContractId contractId, Dictionary<string, string> expected)
    {
        if (!HasExactly(root, EnvelopeFields))
        {
            return Invalid("the envelope must have exactly the fields version, purpose, contract_id, nonce, ciphertext, recipients.");
        }

        var version = root.GetProperty("version");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != Version
            || Text(root, "purpose") != Purpose || Text(root, "contract_id") != contractId.Hex)
        {
            return Invalid($"the envelope must be version 3, purpose {Purpose}, for contract {contractId.Hex}.");
        }

        var nonce = Base64(root, "nonce", NonceSize, NonceSize);
        var ciphertext = Base64(root, "ciphertext", TagSize + 1, TagSize + MaxSecretBytes);
        if (nonce is null || ciphertext is null)
        {
            return Invalid($"nonce must be {NonceSize} bytes and ciphertext {TagSize + 1}-{TagSize + MaxSecretBytes} bytes, both canonical base64.");
        }

        var recipients = root.GetProperty("recipients");
        if (recipients.ValueKind != JsonValueKind.Array || recipients.GetArrayLength() is 0 or > MaxRecipients)
        {
            return Invalid($"recipients must be a list of 1-{MaxRecipients} wrapped keys.");
        }

        var wrapped = new List<(string Kind, string PublicKey, string Ephemeral, string Nonce, string Key)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in recipients.EnumerateArray())
        {
            var entry = ReadRecipient(recipient);
            if (entry is null)
            {
                return Invalid("each recipient must be {kind: account|device, public_key (32 bytes), ephemeral_pubkey (32), nonce (24), wrapped_key (48)} in canonical base64.");
            }

            var keyHex = Convert.ToHexStringLower(Convert.FromBase64String(entry.Value.PublicKey));
            if (!seen.Add(keyHex) || !expected.TryGetValue(keyHex, out var kind) || kind != entry.Value.Kind)
            {
                return Invalid("the envelope must be sealed for the account's credential key and its active devices, each once.");
            }

            wrapped.Add(entry.Value);
        }

        if (seen.Count != expected.Count)
        {
            return Invalid("the envelope must be sealed for the account's credential key and every active device.");
        }

        return new SealedCredential(Write(contractId, nonce, ciphertext, wrapped));
    }

    private static (string Kind, string PublicKey, string Ephemeral, string Nonce, string Key)? ReadRecipient(JsonElement recipient)
    {
        if (!HasExactly(recipient, RecipientFields))
        {
            return null;
        }

        var kind = Text(recipient, "kind");
        if (kind is not ("account" or "device"))
        {
            return null;
        }

        var publicKey = Base64(recipient, "public_key", KeySize, KeySize);
        var ephemeral = Base64(recipient, "ephemeral_pubkey", KeySize, KeySize);
        var nonce = Base64(recipient, "nonce", NonceSize, NonceSize);
        var key = Base64(recipient, "wrapped_key", KeySize + TagSize, KeySize + TagSize);
        return publicKey is not null && ephemeral is not null && nonce is not null && key is not null
            ? (kind, publicKey, ephemeral, nonce, key)
            : null;
    }

    private static string Write(ContractId contractId, string nonce, string ciphertext, List<(string Kind, string PublicKey, string Ephemeral, string Nonce, string Key)> wrapped)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteString("purpose", Purpose);
            writer.WriteString("contract_id", contractId.Hex);
            writer.WriteString("nonce", nonce);
            writer.WriteString("ciphertext", ciphertext);
            writer.WriteStartArray("recipients");
            foreach (var (kind, publicKey, ephemeral, wrapNonce, key) in wrapped)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", kind);
                writer.WriteString("public_key", publicKey);
                writer.WriteString("ephemeral_pubkey", ephemeral);
                writer.WriteString("nonce", wrapNonce);
                writer.WriteString("wrapped_key", key);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The X25519 keys (hex) an envelope must be sealed for, with the kind each must be listed as.</summary>
    private static Dictionary<string, string> Expected(string accountKeyHex, IReadOnlyCollection<string> deviceKeysHex)
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal) { [accountKeyHex.ToLowerInvariant()] = "account" };
        foreach (var device in deviceKeysHex)
        {
            expected.TryAdd(Convert.ToHexStringLower(MontgomeryFromEdwards(Convert.FromHexString(device))), "device");
        }

        return expected;
    }

    /// <summary>An Ed25519 public key as the X25519 key the agent seals for: u = (1 + y) / (1 − y) mod 2^255 − 19.</summary>
    internal static byte[] MontgomeryFromEdwards(byte[] edwards)
    {
        if (edwards.Length != KeySize)
        {
            throw new ArgumentException("an Ed25519 public key is 32 bytes", nameof(edwards));
        }

        var encoded = (byte[])edwards.Clone();
        encoded[31] &= 0x7F;
        var y = new BigInteger(encoded, isUnsigned: true, isBigEndian: false);
        var denominator = ((1 - y) % P + P) % P;
        if (y >= P || denominator.IsZero)
        {
            throw new ArgumentException("not a valid Ed25519 public key", nameof(edwards));
        }

        var u = (1 + y) * BigInteger.ModPow(denominator, P - 2, P) % P;
        var bytes = new byte[KeySize];
        u.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }

    private static bool HasExactly(JsonElement element, string[] fields)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name) || Array.IndexOf(fields, property.Name) < 0)
            {
                return false;
            }
        }

        return names.Count == fields.Length;
    }

    private static string? Text(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The field's text if it is canonical standard base64 of <paramref name="min"/>-<paramref name="max"/> bytes.</summary>
    private static string? Base64(JsonElement element, string name, int min, int max)
    {
        var text = Text(element, name);
        if (text is null || text.Length > (max + 2) / 3 * 4)
        {
            return null;
        }

        var bytes = new byte[max];
        return Convert.TryFromBase64String(text, bytes, out var written) && written >= min && Convert.ToBase64String(bytes, 0, written) == text
            ? text
            : null;
    }

    private static Result<SealedCredential> Invalid(string message) =>
        Result.Fail<SealedCredential>(DomainError.Invalid("invalid_envelope", message));
}
