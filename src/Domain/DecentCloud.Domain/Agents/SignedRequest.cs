using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>
/// The parts of a signed HTTP request (an agent's or a user's device). Two message formats exist:
/// <see cref="SignatureFormat.V2"/>, the canonical one (see <see cref="SigningMessage"/>), and
/// <see cref="SignatureFormat.Legacy"/>, <c>timestamp ‖ nonce ‖ method ‖ path ‖ body</c> with no separators,
/// which the API still verifies for existing agents until its configured cut-off. The positional constructor
/// describes a legacy request; <see cref="V2"/> a canonical one.
/// </summary>
public sealed record SignedRequest(string TimestampText, string Nonce, string Method, string Path, ReadOnlyMemory<byte> Body)
{
    /// <summary>How far a request's timestamp may be from the server's clock.</summary>
    public static readonly TimeSpan AcceptanceWindow = TimeSpan.FromMinutes(5);

    /// <summary>The first line of every <see cref="SignatureFormat.V2"/> message: separates these signatures from any other use of the key.</summary>
    public const string V2Prefix = "decent-cloud/signed-request/v2";

    /// <summary>The message format the signature was made over.</summary>
    public SignatureFormat Format { get; init; } = SignatureFormat.Legacy;

    /// <summary>The request's <c>Host</c> header as sent (covered by <see cref="SignatureFormat.V2"/> only).</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>The query string as sent, without the <c>?</c> (covered by <see cref="SignatureFormat.V2"/> only).</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>
    /// Until when a <see cref="SignatureFormat.Legacy"/> request is accepted (exclusive); the API sets its configured
    /// cut-off here. Unset, a legacy request is accepted, as it was before the canonical format existed.
    /// </summary>
    public DateTimeOffset LegacyAcceptedUntil { get; init; } = DateTimeOffset.MaxValue;

    /// <summary>A request signed in the canonical <see cref="SignatureFormat.V2"/> format.</summary>
    public static SignedRequest V2(string timestampText, string nonce, string method, string host, string path, string query, ReadOnlyMemory<byte> body) =>
        new(timestampText, nonce, method, path, body) { Format = SignatureFormat.V2, Host = host, Query = query };

    /// <summary>
    /// The exact bytes that were signed. <see cref="SignatureFormat.V2"/>: UTF-8 of eight lines joined by <c>\n</c>
    /// (no trailing newline): <see cref="V2Prefix"/>, the method upper case, the host lower case, the path, the query
    /// (RFC 3986 normalised: percent-encodings upper case, unreserved characters decoded, anything else encoded),
    /// the timestamp, the nonce, and the lower-case hex SHA-256 of the body. No field can hold a newline (the path
    /// and the query are normalised, the others checked by <see cref="CheckFreshness"/>), so the split is unique.
    /// </summary>
    public byte[] SigningMessage()
    {
        if (Format == SignatureFormat.V2)
        {
            var lines = string.Join(
                '\n',
                V2Prefix,
                Method.ToUpperInvariant(),
                Host.ToLowerInvariant(),
                CanonicalUri.Normalize(Path, CanonicalUri.PathCharacters),
                CanonicalUri.Normalize(Query, CanonicalUri.QueryCharacters),
                TimestampText,
                Nonce,
                Convert.ToHexStringLower(SHA256.HashData(Body.Span)));
            return Encoding.UTF8.GetBytes(lines);
        }

        var head = Encoding.UTF8.GetBytes(TimestampText + Nonce + Method + Path);
        var message = new byte[head.Length + Body.Length];
        head.CopyTo(message, 0);
        Body.Span.CopyTo(message.AsSpan(head.Length));
        return message;
    }

    /// <summary>
    /// Checks the nonce is a UUID, the timestamp lies within <see cref="AcceptanceWindow"/> of <paramref name="now"/>,
    /// a legacy request comes before <see cref="LegacyAcceptedUntil"/> and, for <see cref="SignatureFormat.V2"/>, that the method is an HTTP token and the host printable without spaces.
    /// </summary>
    public Result CheckFreshness(DateTimeOffset now)
    {
        if (!Guid.TryParseExact(Nonce, "D", out _))
        {
            return Result.Fail(DomainErrors.Unauthorized("invalid_signature", "X-Nonce must be a UUID."));
        }

        if (TimestampText.Length is 0 or > 20 || !TimestampText.All(char.IsAsciiDigit)
            || !long.TryParse(TimestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var nanos))
        {
            return Result.Fail(DomainErrors.Unauthorized("invalid_signature", "X-Timestamp must be unix nanoseconds."));
        }

        if (Format == SignatureFormat.Legacy && now >= LegacyAcceptedUntil)
        {
            return Result.Fail(DomainErrors.Unauthorized(
                "legacy_signature", $"The legacy signature format was accepted until {LegacyAcceptedUntil:yyyy-MM-dd}; sign with X-Signature-Version: 2."));
        }

        if (Format == SignatureFormat.V2 && (!IsToken(Method) || Host.Length == 0 || !Host.All(c => c is > ' ' and < '\u007f')))
        {
            return Result.Fail(DomainErrors.Unauthorized("invalid_signature", "The method or the Host header cannot be signed."));
        }

        var sent = DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);
        return (sent - now).Duration() <= AcceptanceWindow
            ? Result.Ok()
            : Result.Fail(DomainErrors.Unauthorized("stale_request", "X-Timestamp is outside the accepted window of 5 minutes."));
    }

    // RFC 9110 token: what a method may be made of.
    private static bool IsToken(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}

/// <summary>Which message a request signature was made over.</summary>
public enum SignatureFormat
{
    /// <summary><c>timestamp ‖ nonce ‖ method ‖ path ‖ body</c>: ambiguous, kept only for existing agents until the API's cut-off.</summary>
    Legacy = 1,

    /// <summary>The canonical, domain-separated message of <see cref="SignedRequest.SigningMessage"/> (header <c>X-Signature-Version: 2</c>).</summary>
    V2 = 2,
}
