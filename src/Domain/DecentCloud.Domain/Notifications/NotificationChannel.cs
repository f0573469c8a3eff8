using FluentResults;
using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Notifications;

/// <summary>Where a notification is delivered.</summary>
public enum NotificationChannel
{
    /// <summary>An email over SMTP.</summary>
    Email,

    /// <summary>A Telegram message from the platform's bot to a chat.</summary>
    Telegram,

    /// <summary>A text message to a phone number.</summary>
    Sms,

    /// <summary>Stored and listed in the account's inbox.</summary>
    InApp,
}

/// <summary>The wire names of <see cref="NotificationChannel"/> (<c>email</c>, <c>telegram</c>, <c>sms</c>, <c>in_app</c>), defined once.</summary>
public static class NotificationChannels
{
    /// <summary>Every channel, in a stable order.</summary>
    public static IReadOnlyList<NotificationChannel> All { get; } = [NotificationChannel.Email, NotificationChannel.Telegram, NotificationChannel.Sms, NotificationChannel.InApp];

    /// <summary>The channel's wire name.</summary>
    public static string Name(this NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => "email",
        NotificationChannel.Telegram => "telegram",
        NotificationChannel.Sms => "sms",
        NotificationChannel.InApp => "in_app",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "unknown channel"),
    };

    /// <summary>Parses a wire name; anything else is an invalid-input error naming the accepted values.</summary>
    public static Result<NotificationChannel> Parse(string? name)
    {
        foreach (var channel in All)
        {
            if (string.Equals(channel.Name(), name, StringComparison.Ordinal))
            {
                return channel;
            }
        }

        return Result.Fail<NotificationChannel>(DomainError.Invalid("invalid_channel", "channel must be one of email, telegram, sms, in_app."));
    }
}
