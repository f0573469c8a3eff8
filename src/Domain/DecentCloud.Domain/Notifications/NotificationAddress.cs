using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Notifications;

/// <summary>Checks the address of a channel: an email address, a Telegram chat id, an E.164 phone number.</summary>
public static partial class NotificationAddress
{
    /// <summary>Longest email address accepted (the SMTP path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>The address in its stored form, or an invalid-input error that says what the channel expects.</summary>
    public static Result<string> Check(NotificationChannel channel, string? address)
    {
        var text = address?.Trim();
        return channel switch
        {
            NotificationChannel.Email when text is { Length: > 0 and <= MaxEmailLength }
                && MailAddress.TryCreate(text, out var mail) && mail.Address == text && mail.DisplayName.Length == 0
                && mail.Host.Contains('.', StringComparison.Ordinal) => text,
            NotificationChannel.Email => Invalid("email address must be a plain address such as name@example.com (at most 254 characters)."),
            NotificationChannel.Telegram when text is not null
                && (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat) && chat != 0
                    || TelegramUsername().IsMatch(text)) => text,
            NotificationChannel.Telegram => Invalid("telegram address must be a chat id (an integer; groups are negative) or a public @channelname."),
            NotificationChannel.Sms when text is not null && E164().IsMatch(text) => text,
            NotificationChannel.Sms => Invalid("sms address must be a phone number in E.164 form, e.g. +41791234567."),
            _ => Invalid("in_app needs no address."),
        };
    }

    private static Result<string> Invalid(string message) => Result.Fail<string>(DomainError.Invalid("invalid_address", message));

    [GeneratedRegex("^@[A-Za-z][A-Za-z0-9_]{4,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex TelegramUsername();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
