using System.Globalization;
using System.Text;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>
/// The parts of an agent's signed HTTP request. The signature covers
/// <c>timestamp ‖ nonce ‖ method ‖ path ‖ body</c> (timestamp as decimal unix nanoseconds).
/// </summary>
public sealed record SignedRequest(string TimestampText, string Nonce, string Method, string Path, ReadOnlyMemory<byte> Body)
{
    /// <summary>How far a request's timestamp may be from the server's clock.</summary>
    public static readonly TimeSpan AcceptanceWindow = TimeSpan.FromMinutes(5);

    /// <summary>The exact bytes that were signed.</summary>
    public byte[] SigningMessage()
    {
        var head = Encoding.UTF8.GetBytes(TimestampText + Nonce + Method + Path);
        var message = new byte[head.Length + Body.Length];
        head.CopyTo(message, 0);
        Body.Span.CopyTo(message.AsSpan(head.Length));
        return message;
    }

    /// <summary>Checks the nonce is a UUID and the timestamp lies within <see cref="AcceptanceWindow"/> of <paramref name="now"/>.</summary>
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

        var sent = DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);
        return (sent - now).Duration() <= AcceptanceWindow
            ? Result.Ok()
            : Result.Fail(DomainErrors.Unauthorized("stale_request", "X-Timestamp is outside the accepted window of 5 minutes."));
    }
}
