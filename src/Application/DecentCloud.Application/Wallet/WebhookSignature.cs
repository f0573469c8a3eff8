using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Application.Wallet;

/// <summary>
/// The timestamped HMAC scheme that both Stripe (<c>Stripe-Signature</c>) and ICPay (<c>X-ICPay-Signature</c>) sign
/// their webhooks with: a header <c>t={unix seconds},v1={hex}</c> (several <c>v1</c> values while a secret rotates),
/// where each <c>v1</c> is HMAC-SHA256 of <c>"{t}.{raw body}"</c> under the endpoint's secret.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>How far the signed time may be from now, either way (both providers document 300 s).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The delivery's JSON once its signature holds: 503 <paramref name="notConfiguredCode"/> without a secret (nothing can
    /// be verified, so nothing is believed), the signature's own failure, or 400 <c>invalid_payload</c> for a body that is
    /// not JSON. The caller disposes the document.
    /// </summary>
    public static Result<JsonDocument> VerifiedJson(
        string? secret, string? header, ReadOnlyMemory<byte> body, DateTimeOffset now, string notConfiguredCode, string setting)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return Result.Fail(new DomainError(ErrorKind.Unavailable, notConfiguredCode, $"This webhook is not configured ({setting})."));
        }

        var verified = Verify(header, body.Span, secret, now, Tolerance);
        if (verified.IsFailed)
        {
            return verified;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Result.Fail(DomainError.Invalid("invalid_payload", "the webhook body is not JSON."));
        }
    }

    /// <summary>
    /// Checks <paramref name="header"/> against <paramref name="body"/>: a missing or malformed header, a time outside
    /// the tolerance (stale or in the future — a replay window is only as wide as the tolerance) and a signature that
    /// matches no <c>v1</c> each fail with their own code. Signatures are compared in constant time.
    /// </summary>
    public static Result Verify(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return Result.Fail(DomainError.Invalid("missing_signature", "the webhook signature header is missing."));
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (name == "t" && timestamp is null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (name == "v1" && TryHex(value, out var mac))
            {
                signatures.Add(mac);
            }
        }

        if (timestamp is null || signatures.Count == 0)
        {
            return Result.Fail(DomainError.Invalid("malformed_signature", "the webhook signature header needs t=<unix seconds> and at least one v1=<hex HMAC-SHA256>."));
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp.Value, 0, 253_402_300_799));
        if (age > tolerance)
        {
            return Result.Fail(DomainError.Invalid("stale_signature", $"the webhook was signed {(long)age.TotalSeconds} s ago; at most {(long)tolerance.TotalSeconds} s is accepted."));
        }

        if (-age > tolerance)
        {
            return Result.Fail(DomainError.Invalid("future_signature", $"the webhook is signed {(long)(-age).TotalSeconds} s in the future; at most {(long)tolerance.TotalSeconds} s of clock skew is accepted."));
        }

        var expected = Compute(timestamp.Value, body, secret);
        var matched = false;
        foreach (var candidate in signatures)
        {
            // Every candidate is compared (no early exit) so timing does not tell which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
        }

        return matched
            ? Result.Ok()
            : Result.Fail(DomainError.Invalid("bad_signature", "the webhook signature does not match the body under the configured secret."));
    }

    /// <summary>HMAC-SHA256 of <c>"{timestamp}.{body}"</c> under <paramref name="secret"/> (UTF-8).</summary>
    public static byte[] Compute(long timestamp, ReadOnlySpan<byte> body, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    /// <summary>The header value a sender writes: <c>t={timestamp},v1={hex}</c>.</summary>
    public static string Header(long timestamp, ReadOnlySpan<byte> body, string secret) =>
        string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(Compute(timestamp, body, secret))}");

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length != 64)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
