using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DecentCloud.Api.Client;

/// <summary>
/// The signed-request scheme of the API. This package signs the canonical format 2 only (header
/// <c>X-Signature-Version: 2</c>): the signature covers the UTF-8 of eight lines joined by <c>\n</c>,
/// <c>decent-cloud/signed-request/v2</c>, the method upper case, the Host header lower case, the path, the query
/// (both RFC 3986 normalised), the timestamp (decimal unix nanoseconds), the nonce (a UUID used once) and the
/// lower-case hex SHA-256 of the body. The README's "Signed requests" section has a test vector.
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

    /// <summary>The header naming the message format; a request without it is verified in the legacy format until the API's cut-off.</summary>
    public const string VersionHeader = "X-Signature-Version";

    /// <summary>The value of <see cref="VersionHeader"/> this package sends.</summary>
    public const string CurrentVersion = "2";

    /// <summary>The first line of a format 2 message.</summary>
    public const string V2Prefix = "decent-cloud/signed-request/v2";

    /// <summary>Every header the scheme sets, so a resent request can be signed afresh.</summary>
    public static IReadOnlyList<string> HeaderNames { get; } = [AgentKeyHeader, DeviceKeyHeader, TimestampHeader, NonceHeader, SignatureHeader, VersionHeader];

    /// <summary>The timestamp text of <paramref name="at"/>: decimal unix nanoseconds.</summary>
    public static string Timestamp(DateTimeOffset at) => ((at - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The legacy message <c>timestamp ‖ nonce ‖ method ‖ path ‖ body</c>, which the API verifies only until its
    /// cut-off. It has no separators and covers neither host nor query; this package no longer signs it.
    /// </summary>
    public static byte[] Message(string timestamp, string nonce, string method, string path, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var head = Encoding.UTF8.GetBytes(timestamp + nonce + method + path);
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return message;
    }

    /// <summary>The exact bytes signed in format 2.</summary>
    /// <param name="method">The HTTP method (upper-cased here).</param>
    /// <param name="host">The Host header as sent: host name, and <c>:port</c> unless the port is the scheme's default (lower-cased here).</param>
    /// <param name="path">The absolute path (normalised here).</param>
    /// <param name="query">The query without <c>?</c>, empty for none (normalised here).</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value.</param>
    /// <param name="nonce">The <see cref="NonceHeader"/> value.</param>
    /// <param name="body">The exact body bytes sent (empty for none).</param>
    public static byte[] MessageV2(string method, string host, string path, string query, string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        var lines = string.Join(
            '\n',
            V2Prefix,
            method.ToUpperInvariant(),
            host.ToLowerInvariant(),
            CanonicalUri.Normalize(path, CanonicalUri.PathCharacters),
            CanonicalUri.Normalize(query, CanonicalUri.QueryCharacters),
            timestamp,
            nonce,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        return Encoding.UTF8.GetBytes(lines);
    }

    /// <summary>The Host header an HTTP client sends for <paramref name="uri"/>.</summary>
    public static string HostOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The five headers of a request to <paramref name="uri"/> signed in format 2.</summary>
    /// <param name="signer">The key.</param>
    /// <param name="role">Whether the key is an agent's or a device's.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The absolute request URI: its host, path and query are signed.</param>
    /// <param name="body">The exact body bytes sent (empty for none).</param>
    /// <param name="at">The signing time.</param>
    /// <param name="nonce">A fresh nonce.</param>
    /// <param name="cancellationToken">Cancels a signer that waits (a hardware key).</param>
    public static ValueTask<IReadOnlyList<KeyValuePair<string, string>>> CreateHeadersAsync(
        IRequestSigner signer, SignerRole role, string method, Uri uri, ReadOnlyMemory<byte> body, DateTimeOffset at, Guid nonce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("a signed request needs an absolute URI", nameof(uri));
        }

        return CreateHeadersAsync(signer, role, method, HostOf(uri), uri.AbsolutePath, uri.Query.TrimStart('?'), body, at, nonce, cancellationToken);
    }

    /// <summary>The five headers of a request signed in format 2, for a caller that sets its own Host header.</summary>
    /// <param name="signer">The key.</param>
    /// <param name="role">Whether the key is an agent's or a device's.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="host">The Host header sent.</param>
    /// <param name="path">The absolute path.</param>
    /// <param name="query">The query without <c>?</c>, empty for none.</param>
    /// <param name="body">The exact body bytes sent (empty for none).</param>
    /// <param name="at">The signing time.</param>
    /// <param name="nonce">A fresh nonce.</param>
    /// <param name="cancellationToken">Cancels a signer that waits (a hardware key).</param>
    public static async ValueTask<IReadOnlyList<KeyValuePair<string, string>>> CreateHeadersAsync(
        IRequestSigner signer, SignerRole role, string method, string host, string path, string query, ReadOnlyMemory<byte> body, DateTimeOffset at, Guid nonce,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(method);
        var timestamp = Timestamp(at);
        var nonceText = nonce.ToString("D");
        var signature = await signer.SignAsync(MessageV2(method, host, path, query, timestamp, nonceText, body.Span), cancellationToken);
        return
        [
            new(role == SignerRole.Agent ? AgentKeyHeader : DeviceKeyHeader, Convert.ToHexStringLower(signer.PublicKey.Span)),
            new(TimestampHeader, timestamp),
            new(NonceHeader, nonceText),
            new(SignatureHeader, Convert.ToHexStringLower(signature)),
            new(VersionHeader, CurrentVersion),
        ];
    }
}
