using System.Globalization;
using System.Net;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace DecentCloud.Adapters.Notifications;

/// <summary>
/// Telegram messages from the platform's bot through the Bot API's <c>sendMessage</c> (Telegram.Bot). The library's own
/// flood-control retries are switched off: a 429 comes back as a transient outcome carrying <c>retry_after</c>, and the
/// outbox decides when to try again. The bot token is part of every request path, so no reason built here ever
/// carries a URL or an exception's text from the HTTP layer.
/// </summary>
public sealed class TelegramChannel : INotificationChannel
{
    private readonly TelegramBotClient _bot;
    private readonly TelegramOptions _options;
    private readonly ILogger<TelegramChannel> _logger;

    /// <summary>Creates the channel; <paramref name="httpClient"/> comes from the factory and gets the configured timeout.</summary>
    public TelegramChannel(HttpClient httpClient, TelegramOptions options, ILogger<TelegramChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        httpClient.Timeout = options.Timeout;
        _options = options;
        _logger = logger;
        _bot = new TelegramBotClient(
            new TelegramBotClientOptions(options.BotToken, options.ApiBaseUrl.GetLeftPart(UriPartial.Authority)) { RetryThreshold = 0, RetryCount = 0 },
            httpClient);
    }

    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Telegram;

    /// <summary>The text sent for <paramref name="message"/>: its subject, a blank line, its text.</summary>
    public static string TextOf(ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"{message.Subject}\n\n{message.Text}";
    }

    /// <inheritdoc />
    public async Task<ChannelOutcome> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (ChatOf(message.Address) is not { } chat)
        {
            return Report(message, ChannelOutcome.Permanent("the address is not a Telegram chat id"));
        }

        try
        {
            var sent = await _bot.SendMessage(chat, TextOf(message), cancellationToken: cancellationToken);
            return Report(message, ChannelOutcome.Delivered(sent.Id.ToString(CultureInfo.InvariantCulture)));
        }
        catch (ApiRequestException ex)
        {
            return Report(message, Classify(ex));
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Report(message, ex.HttpStatusCode is { } status
                ? ChannelOutcome.Transient($"Telegram answered HTTP {((int)status).ToString(CultureInfo.InvariantCulture)} without a Bot API error")
                : ChannelOutcome.Transient(ex.InnerException is OperationCanceledException
                    ? $"Telegram did not answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"
                    : "cannot reach the Telegram Bot API"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Report(message, ChannelOutcome.Transient($"Telegram did not answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"));
        }
        catch (HttpRequestException)
        {
            return Report(message, ChannelOutcome.Transient("cannot reach the Telegram Bot API"));
        }
    }

    private static ChatId? ChatOf(string address)
    {
        if (long.TryParse(address, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return new ChatId(id);
        }

        return address.Length > 1 && address[0] == '@' && address.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? new ChatId(address) : null;
    }

    /// <summary>
    /// 429 waits for <c>retry_after</c>; 400 (chat not found, text refused) and 403 (bot blocked, kicked) are about this
    /// address or message and stay so; 401/404 (the token was refused) and 5xx are ours or Telegram's to fix, so retry.
    /// </summary>
    private ChannelOutcome Classify(ApiRequestException ex)
    {
        var description = HttpUrls.Redact(ex.Message.Length > 200 ? ex.Message[..200] : ex.Message, _options.BotToken);
        var reason = $"Telegram {ex.ErrorCode.ToString(CultureInfo.InvariantCulture)}: {description}";
        return ex.ErrorCode switch
        {
            (int)HttpStatusCode.TooManyRequests => ChannelOutcome.Transient(reason, ex.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
            (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.Forbidden => ChannelOutcome.Permanent(reason),
            _ => ChannelOutcome.Transient(reason),
        };
    }

    private ChannelOutcome Report(ChannelMessage message, ChannelOutcome outcome)
    {
        if (outcome.Kind == ChannelOutcomeKind.Delivered)
        {
            _logger.LogInformation("Telegram message {IdempotencyKey} sent as {MessageId}", message.IdempotencyKey, outcome.Detail);
        }
        else
        {
            _logger.LogWarning("Telegram message {IdempotencyKey} not sent ({Outcome}): {Reason}", message.IdempotencyKey, outcome.Kind, outcome.Detail);
        }

        return outcome;
    }
}
