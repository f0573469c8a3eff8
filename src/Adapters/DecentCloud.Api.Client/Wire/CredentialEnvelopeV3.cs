using System.Text.Json.Serialization;

namespace DecentCloud.Api.Client;

/// <summary>
/// The end-to-end encrypted VM credential (v3) as it travels from the agent to the API: the secret
/// encrypted once with a content key, that key wrapped for every recipient. Field names are snake_case
/// on the wire. Binary fields are base64.
/// </summary>
/// <param name="Version">Always 3.</param>
/// <param name="Purpose">Always <c>vm-root-password</c>.</param>
/// <param name="ContractId">The contract (hex) the envelope is bound to.</param>
/// <param name="Nonce">The content nonce (24 bytes).</param>
/// <param name="Ciphertext">The encrypted secret.</param>
/// <param name="Recipients">The wrapped content key, once per recipient.</param>
public sealed record CredentialEnvelopeV3(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("contract_id")] string ContractId,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("ciphertext")] string Ciphertext,
    [property: JsonPropertyName("recipients")] IReadOnlyList<WrappedContentKey> Recipients);

/// <summary>The content key of a <see cref="CredentialEnvelopeV3"/> wrapped for one recipient.</summary>
/// <param name="Kind"><c>account</c> or <c>device</c>.</param>
/// <param name="PublicKey">The recipient's X25519 public key.</param>
/// <param name="EphemeralPubkey">The ephemeral X25519 public key of the wrap.</param>
/// <param name="Nonce">The wrap nonce (24 bytes).</param>
/// <param name="WrappedKey">The encrypted content key.</param>
public sealed record WrappedContentKey(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("ephemeral_pubkey")] string EphemeralPubkey,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("wrapped_key")] string WrappedKey);
