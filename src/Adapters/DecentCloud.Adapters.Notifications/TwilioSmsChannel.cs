using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Adapters.Notifications;

/// <summary>
/// Text messages through Twilio's Messages resource (<c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>,
/// form-encoded, HTTP Basic auth). One request per message and no retry inside: the outbox retries with backoff, and a
/// 429 comes back with Twilio's Retry-After.
/// </summary>
public sealed class TwilioSmsChannel : INotificationChannel
{
    /// <summary>Twilio's limit for one message body; longer text is cut.</summary>
    public const int MaxBodyLength = 1600;

    // Errors that name the recipient: an invalid, unroutable or non-mobile number, or one that unsubscribed (STOP).
    private static readonly HashSet<int> RecipientErrors = [21211, 21217, 21610, 21612, 21614];

    private readonly HttpClient _http;
    private readonly TwilioSmsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TwilioSmsChannel> _logger;

    /// <summary>Creates the channel; <paramref name="httpClient"/> comes from the factory and gets the configured timeout.</summary>
    public TwilioSmsChannel(HttpClient httpClient, TwilioSmsOptions options, TimeProvider timeProvider, ILogger<TwilioSmsChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        httpClient.Timeout = options.Timeout;
        _http = httpClient;
        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Sms;

    /// <summary>The body sent for <paramref name="message"/>: subject, a colon, the text, cut to <see cref="MaxBodyLength"/> characters.</summary>
    public static string BodyOf(ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = $"{message.Subject}: {message.Text}";
        if (body.Length <= MaxBodyLength)
        {
            return body;
        }

        // Never leave half of a surrogate pair at the end.
        var cut = char.IsHighSurrogate(body[MaxBodyLength - 1]) ? MaxBodyLength - 1 : MaxBodyLength;
        return body[..cut];
    }

    /// <inheritdoc />
    public async Task<ChannelOutcome> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUrl()) { Content = new FormUrlEncodedContent(Form(message)) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.AccountSid}:{_options.AuthToken}")));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Report(message, Classify(response, body));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Report(message, ChannelOutcome.Transient($"Twilio did not answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"));
        }
        catch (HttpRequestException ex)
        {
            return Report(message, ChannelOutcome.Transient($"cannot reach Twilio ({ex.HttpRequestError})"));
        }
    }

    private Uri MessagesUrl() =>
        new(_options.BaseUrl, $"/2010-04-01/Accounts/{Uri.EscapeDataString(_options.AccountSid)}/Messages.json");

    private List<KeyValuePair<string, string>> Form(ChannelMessage message)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", message.Address) };
        form.Add(string.IsNullOrWhiteSpace(_options.MessagingServiceSid)
            ? new("From", _options.From!)
            : new("MessagingServiceSid", _options.MessagingServiceSid));
        form.Add(new("Body", BodyOf(message)));
        return form;
    }

    /// <summary>
    /// 2xx with a <c>sid</c> is delivered; 429 waits for Retry-After; a 4xx whose code names the recipient (invalid
    /// number, unsubscribed) or any other 400 (the request as formed is refused) is final; 401/403/404 (credentials or
    /// account: an operator can fix them) and 5xx are worth another try.
    /// </summary>
    private ChannelOutcome Classify(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return Field(body, "sid") is { Length: > 0 } sid
                ? ChannelOutcome.Delivered(sid)
                : ChannelOutcome.Transient($"Twilio answered HTTP {status.ToString(CultureInfo.InvariantCulture)} without a message sid");
        }

        var code = Field(body, "code");
        var text = Field(body, "message") is { } m ? (m.Length > 200 ? m[..200] : m) : response.ReasonPhrase;
        var reason = HttpUrls.Redact(
            $"Twilio HTTP {status.ToString(CultureInfo.InvariantCulture)}{(code is null ? string.Empty : $" error {code}")}: {text}",
            _options.AuthToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return ChannelOutcome.Transient(reason, HttpUrls.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()));
        }

        var recipient = int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && RecipientErrors.Contains(number);
        return recipient || response.StatusCode == HttpStatusCode.BadRequest
            ? ChannelOutcome.Permanent(reason)
            : ChannelOutcome.Transient(reason, status >= 500 ? HttpUrls.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()) : null);
    }

    /// <summary>A top-level string or number of a JSON object, or <c>null</c> when the body is not such an object.</summary>
    private static string? Field(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private ChannelOutcome Report(ChannelMessage message, ChannelOutcome outcome)
    {
        if (outcome.Kind == ChannelOutcomeKind.Delivered)
        {
            _logger.LogInformation("SMS {IdempotencyKey} accepted by Twilio as {MessageSid}", message.IdempotencyKey, outcome.Detail);
        }
        else
        {
            _logger.LogWarning("SMS {IdempotencyKey} not sent ({Outcome}): {Reason}", message.IdempotencyKey, outcome.Kind, outcome.Detail);
        }

        return outcome;
    }
}
