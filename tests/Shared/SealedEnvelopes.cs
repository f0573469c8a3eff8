using System.Text.Json.Nodes;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Tests.Shared;

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

    /// <summary>A well-formed envelope for <paramref name="id"/>, parsed as the API stores it.</summary>
    public static SealedCredential Sealed(ContractId id) => SealedCredential.Parse(Make(id.Hex), id, AccountKey, [DeviceKey]).Value;
}
