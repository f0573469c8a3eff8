using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Adapters.Notifications;

/// <summary>
/// The platform's Telegram bot (section <c>Notifications:Telegram</c>). The channel is registered only when
/// <see cref="BotToken"/> is set.
/// </summary>
public sealed class TelegramOptions : IValidatableObject
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Notifications:Telegram";

    /// <summary>The bot's token from BotFather; it travels in the request path, so it is never logged nor reported.</summary>
    [Required(ErrorMessage = "Notifications:Telegram:BotToken is required when the Notifications:Telegram section is present.")]
    public string BotToken { get; set; } = string.Empty;

    /// <summary>The Bot API's base URL; only tests (or a self-hosted Bot API server) change it.</summary>
    [Required(ErrorMessage = "Notifications:Telegram:ApiBaseUrl is required.")]
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    /// <summary>One sendMessage call gives up after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Notifications:Telegram:Timeout must be 1 s to 10 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiBaseUrl is not null && !HttpUrls.IsAbsoluteHttp(ApiBaseUrl))
        {
            yield return new ValidationResult("Notifications:Telegram:ApiBaseUrl must be an absolute http(s) URL.", [nameof(ApiBaseUrl)]);
        }

        if (BotToken is { Length: > 0 } && BotToken.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            yield return new ValidationResult("Notifications:Telegram:BotToken must not contain spaces or slashes.", [nameof(BotToken)]);
        }
    }
}
