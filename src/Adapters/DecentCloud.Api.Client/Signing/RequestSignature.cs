using System.Globalization;
using System.Text;

namespace DecentCloud.Api.Client;

/// <summary>
/// The signed-request scheme of the API: the signature covers
/// <c>timestamp ‖ nonce ‖ method ‖ path ‖ body</c>, the timestamp as decimal unix nanoseconds, the nonce
/// a UUID used once, the method upper case, the path absolute and without the query.
/// </summary>
public static class RequestSignature
{
    /// <summary>The header carrying an agent's public key (hex).</summary>
    public const string AgentKeyHeader = "X-Agent-Pubkey";

    /// <summary>The header carrying a device's public key (hex).</summary>
    public const string DeviceKeyHeader = "X-Public-Key";

    /// <summary>The header carrying the timestamp (unix nanoseconds).</summary>
    public const string TimestampHeader = "X-Timestamp";

    /// <summary>The header carrying the nonce.</summary>
    public const string NonceHeader = "X-Nonce";

    /// <summary>The header carrying the signature (hex).</summary>
    public const string SignatureHeader = "X-Signature";

    /// <summary>Every header the scheme sets, so a resent request can be signed afresh.</summary>
    public static IReadOnlyList<string> HeaderNames { get; } = [AgentKeyHeader, DeviceKeyHeader, TimestampHeader, NonceHeader, SignatureHeader];

    /// <summary>The timestamp text of <paramref name="at"/>: decimal unix nanoseconds.</summary>
    public static string Timestamp(DateTimeOffset at) => ((at - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);

    /// <summary>The exact bytes that are signed.</summary>
    public static byte[] Message(string timestamp, string nonce, string method, string path, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(timestamp + nonce + method + path);
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return message;
    }

    /// <summary>The four headers of a signed request.</summary>
    /// <param name="signer">The key.</param>
    /// <param name="role">Whether the key is an agent's or a device's.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The absolute path, without the query.</param>
    /// <param name="body">The exact body bytes sent (empty for none).</param>
    /// <param name="at">The signing time.</param>
    /// <param name="nonce">A fresh nonce.</param>
    /// <param name="cancellationToken">Cancels a signer that waits (a hardware key).</param>
    public static async ValueTask<IReadOnlyList<KeyValuePair<string, string>>> CreateHeadersAsync(
        IRequestSigner signer, SignerRole role, string method, string path, ReadOnlyMemory<byte> body, DateTimeOffset at, Guid nonce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var timestamp = Timestamp(at);
        var nonceText = nonce.ToString("D");
        var signature = await signer.SignAsync(Message(timestamp, nonceText, method.ToUpperInvariant(), path, body.Span), cancellationToken);
        return
        [
            new(role == SignerRole.Agent ? AgentKeyHeader : DeviceKeyHeader, Convert.ToHexStringLower(signer.PublicKey.Span)),
            new(TimestampHeader, timestamp),
            new(NonceHeader, nonceText),
            new(SignatureHeader, Convert.ToHexStringLower(signature)),
        ];
    }
}
