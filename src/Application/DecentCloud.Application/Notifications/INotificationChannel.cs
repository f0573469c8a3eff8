using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// One way of reaching a person (SMTP, the Telegram Bot API, an SMS provider). Called only by the delivery use case,
/// after the quota gate let the message through; it sends once and reports what happened instead of throwing for an
/// expected failure (an exception is treated as <see cref="ChannelOutcome.Transient"/>).
/// </summary>
public interface INotificationChannel
{
    /// <summary>The channel this adapter serves.</summary>
    NotificationChannel Channel { get; }

    /// <summary>Sends <paramref name="message"/> to its address.</summary>
    Task<ChannelOutcome> SendAsync(ChannelMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A message for one address. <see cref="IdempotencyKey"/> is the same on every retry of the same notification, so a
/// channel that can pass it on (an email's Message-ID, an SMS provider's idempotency header) lets the receiver drop a repeat.
/// </summary>
/// <param name="IdempotencyKey">Unique per notification and channel.</param>
/// <param name="Address">The email address, Telegram chat id or E.164 phone number.</param>
/// <param name="Subject">A one-line subject (the email's Subject; channels without one may put it first).</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body (email only; <c>null</c> elsewhere).</param>
public sealed record ChannelMessage(string IdempotencyKey, string Address, string Subject, string Text, string? Html);

/// <summary>What a channel did with a message.</summary>
public enum ChannelOutcomeKind
{
    /// <summary>Accepted by the outside system.</summary>
    Delivered,

    /// <summary>Not sent this time (connection refused or dropped, 5xx, rate limited): try again later.</summary>
    Transient,

    /// <summary>Never going to work as addressed (unknown chat, invalid number, mailbox refused): do not retry.</summary>
    Permanent,
}

/// <summary>The result of <see cref="INotificationChannel.SendAsync"/>.</summary>
/// <param name="Kind">Delivered, transient or permanent.</param>
/// <param name="Detail">The outside system's message id when delivered, else why not (never a secret or the message body).</param>
/// <param name="RetryAfter">How long the outside system asked us to wait (Telegram's <c>retry_after</c>, HTTP Retry-After).</param>
public sealed record ChannelOutcome(ChannelOutcomeKind Kind, string? Detail, TimeSpan? RetryAfter)
{
    /// <summary>Accepted; <paramref name="messageId"/> is the outside system's id when it gives one.</summary>
    public static ChannelOutcome Delivered(string? messageId = null) => new(ChannelOutcomeKind.Delivered, messageId, null);

    /// <summary>Try again later, no sooner than <paramref name="retryAfter"/> when given.</summary>
    public static ChannelOutcome Transient(string reason, TimeSpan? retryAfter = null) => new(ChannelOutcomeKind.Transient, reason, retryAfter);

    /// <summary>Give up: the address cannot be reached this way.</summary>
    public static ChannelOutcome Permanent(string reason) => new(ChannelOutcomeKind.Permanent, reason, null);
}
