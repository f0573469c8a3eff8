using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Adapters.Notifications;

/// <summary>
/// The Twilio account that sends text messages (section <c>Notifications:Sms</c>). The channel is registered only when
/// <see cref="AccountSid"/> is set.
/// </summary>
public sealed class TwilioSmsOptions : IValidatableObject
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Notifications:Sms";

    /// <summary>The account SID (<c>AC…</c>); the user name of HTTP Basic auth and part of the request path.</summary>
    [Required(ErrorMessage = "Notifications:Sms:AccountSid is required when the Notifications:Sms section is present.")]
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>The account's auth token; the password of HTTP Basic auth, never logged nor reported.</summary>
    [Required(ErrorMessage = "Notifications:Sms:AuthToken is required when Notifications:Sms:AccountSid is set.")]
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>The sending number (E.164) or alphanumeric sender id; or set <see cref="MessagingServiceSid"/> instead.</summary>
    public string? From { get; set; }

    /// <summary>A Messaging Service (<c>MG…</c>) that picks the sender; used instead of <see cref="From"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Twilio's API base URL; only tests change it.</summary>
    [Required(ErrorMessage = "Notifications:Sms:BaseUrl is required.")]
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>One request gives up after this (no retry inside: the outbox retries with backoff).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Notifications:Sms:Timeout must be 1 s to 10 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(From) == string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            yield return new ValidationResult(
                "Notifications:Sms needs exactly one of From (a sending number) or MessagingServiceSid.",
                [nameof(From), nameof(MessagingServiceSid)]);
        }

        if (AccountSid is { Length: > 0 } && !AccountSid.All(char.IsAsciiLetterOrDigit))
        {
            yield return new ValidationResult("Notifications:Sms:AccountSid must be letters and digits only (AC…).", [nameof(AccountSid)]);
        }

        if (BaseUrl is not null && !HttpUrls.IsAbsoluteHttp(BaseUrl))
        {
            yield return new ValidationResult("Notifications:Sms:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }
    }
}
