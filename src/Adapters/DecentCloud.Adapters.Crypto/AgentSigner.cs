using System.Globalization;
using DecentCloud.Domain.Agents;

namespace DecentCloud.Adapters.Crypto;

/// <summary>Signs agent requests: produces the headers the API's signed-request check expects.</summary>
public sealed class AgentSigner
{
    private readonly byte[] _seed;

    /// <summary>A signer for the key of a 32-byte seed.</summary>
    public AgentSigner(ReadOnlySpan<byte> seed)
    {
        _seed = seed.ToArray();
        PublicKey = Ed25519ph.PublicKeyFromSeed(seed);
    }

    /// <summary>The agent's public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as lower-case hex.</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(PublicKey);

    /// <summary>
    /// The headers of a request to <paramref name="uri"/> signed in the platform's current format (2): its host (as an
    /// HTTP client sends it in <c>Host</c>), path and query are covered.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sign(string method, Uri uri, ReadOnlyMemory<byte> body, DateTimeOffset now, Guid nonce)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var timestamp = ((now - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);
        var host = uri.IsDefaultPort ? uri.IdnHost : uri.IdnHost + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var request = SignedRequest.V2(timestamp, nonce.ToString("D"), method, host, uri.AbsolutePath, uri.Query.TrimStart('?'), body);
        var signature = Ed25519ph.Sign(_seed, request.SigningMessage());
        return
        [
            new("X-Agent-Pubkey", PublicKeyHex),
            new("X-Timestamp", timestamp),
            new("X-Nonce", request.Nonce),
            new("X-Signature", Convert.ToHexStringLower(signature)),
            new("X-Signature-Version", "2"),
        ];
    }
}
