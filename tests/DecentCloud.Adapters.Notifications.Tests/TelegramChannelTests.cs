using System.Text.Json;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace DecentCloud.Adapters.Notifications.Tests;

public sealed class TelegramChannelTests : IDisposable
{
    private const string Token = "7312345678:AAF-test_token-0123456789abcdefghij";
    private const string SendPath = "/bot" + Token + "/sendMessage";
    private static readonly ChannelMessage Message = new("rental_requested:r-9:telegram", "123456789", "New rental request", "Offering gpu-1 for 30 days.", null);

    private readonly HttpApiStandIn _api = new();

    private TelegramChannel Channel() =>
        new(HttpApiStandIn.Client(), new TelegramOptions { BotToken = Token, ApiBaseUrl = _api.Url, Timeout = TimeSpan.FromSeconds(30) }, NullLogger<TelegramChannel>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Error(int code, string description, object? parameters = null) =>
        parameters is null
            ? new { ok = false, error_code = code, description }
            : new { ok = false, error_code = code, description, parameters };

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Sends_subject_blank_line_text_to_the_chat_and_returns_the_message_id()
    {
        _api.Answer(SendPath, 200, new
        {
            ok = true,
            result = new { message_id = 4242, date = 1764667800, chat = new { id = 123456789, type = "private" }, text = "New rental request\n\nOffering gpu-1 for 30 days." },
        });

        var channel = Channel();
        var outcome = await channel.SendAsync(Message, Ct);

        Assert.Equal(NotificationChannel.Telegram, channel.Channel);
        Assert.Equal(ChannelOutcome.Delivered("4242"), outcome);
        var request = Assert.Single(_api.Requests).RequestMessage!;
        Assert.Equal("POST", request.Method);
        Assert.Equal(SendPath, request.Path);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("123456789", body.RootElement.GetProperty("chat_id").GetRawText().Trim('"'));
        Assert.Equal("New rental request\n\nOffering gpu-1 for 30 days.", body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Flood_control_429_is_transient_with_retry_after_and_is_not_retried_inside()
    {
        _api.Answer(SendPath, 429, Error(429, "Too Many Requests: retry after 17", new { retry_after = 17 }));

        var outcome = await Channel().SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Equal(TimeSpan.FromSeconds(17), outcome.RetryAfter);
        Assert.Contains("429", outcome.Detail, StringComparison.Ordinal);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData(400, "Bad Request: chat not found")]
    [InlineData(403, "Forbidden: bot was blocked by the user")]
    public async Task An_unknown_chat_or_a_blocked_bot_is_permanent(int status, string description)
    {
        _api.Answer(SendPath, status, Error(status, description));

        var outcome = await Channel().SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Permanent, $"expected Permanent, got {outcome}");
        Assert.Contains(description, outcome.Detail, StringComparison.Ordinal);
        Assert.Null(outcome.RetryAfter);
    }

    [Fact]
    public async Task A_server_error_is_transient()
    {
        _api.Answer(SendPath, 500, Error(500, "Internal Server Error"));

        var outcome = await Channel().SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("500", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_error_page_without_a_bot_api_body_is_transient()
    {
        _api.AnswerRaw(SendPath, 502, "<html><body>Bad Gateway</body></html>");

        var outcome = await Channel().SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
    }

    [Fact]
    public async Task A_refused_token_is_transient()
    {
        _api.Answer(SendPath, 401, Error(401, "Unauthorized"));

        var outcome = await Channel().SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
    }

    [Fact]
    public async Task An_unreachable_api_is_transient()
    {
        var channel = Channel();
        _api.Stop();

        var outcome = await channel.SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("cannot reach", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_that_answers_too_late_is_transient()
    {
        _api.AnswerLate(SendPath, TimeSpan.FromSeconds(4));
        var channel = new TelegramChannel(HttpApiStandIn.Client(), new TelegramOptions { BotToken = Token, ApiBaseUrl = _api.Url, Timeout = TimeSpan.FromSeconds(1) }, NullLogger<TelegramChannel>.Instance);

        var outcome = await channel.SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("within 1 s", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_is_no_chat_id_is_permanent_without_a_request()
    {
        var outcome = await Channel().SendAsync(Message with { Address = "not a chat" }, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Permanent, $"expected Permanent, got {outcome}");
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task No_outcome_detail_carries_the_bot_token()
    {
        var details = new List<string?>();
        foreach (var (status, body) in new (int, object)[]
        {
            (429, Error(429, "Too Many Requests: retry after 3", new { retry_after = 3 })),
            (400, Error(400, "Bad Request: chat not found")),
            (401, Error(401, "Unauthorized")),
            (500, Error(500, "Internal Server Error")),
        })
        {
            using var api = new HttpApiStandIn();
            api.Answer(SendPath, status, body);
            var channel = new TelegramChannel(HttpApiStandIn.Client(), new TelegramOptions { BotToken = Token, ApiBaseUrl = api.Url }, NullLogger<TelegramChannel>.Instance);
            details.Add((await channel.SendAsync(Message, Ct)).Detail);
        }

        _api.Stop();
        details.Add((await Channel().SendAsync(Message, Ct)).Detail);

        Assert.All(details, d =>
        {
            Assert.NotNull(d);
            Assert.DoesNotContain(Token, d, StringComparison.Ordinal);
            Assert.DoesNotContain("AAF-test_token", d, StringComparison.Ordinal);
            Assert.DoesNotContain("/bot", d, StringComparison.Ordinal);
        });
    }
}
