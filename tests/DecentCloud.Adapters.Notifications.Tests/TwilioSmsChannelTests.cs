using System.Net.Http.Headers;
using System.Text;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace DecentCloud.Adapters.Notifications.Tests;

public sealed class TwilioSmsChannelTests : IDisposable
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "tw-auth-token-9f8e7d6c5b4a";
    private const string MessagesPath = "/2010-04-01/Accounts/" + AccountSid + "/Messages.json";
    private static readonly ChannelMessage Message = new("wallet_low:a-1:2026-12-02:sms", "+15558675310", "Wallet low", "Balance is 2.10 USD.", null);

    private readonly HttpApiStandIn _api = new();

    private TwilioSmsChannel Channel(Action<TwilioSmsOptions>? change = null)
    {
        var options = new TwilioSmsOptions { AccountSid = AccountSid, AuthToken = AuthToken, From = "+15017122661", BaseUrl = _api.Url, Timeout = TimeSpan.FromSeconds(30) };
        change?.Invoke(options);
        return new(HttpApiStandIn.Client(), options, TimeProvider.System, NullLogger<TwilioSmsChannel>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Created(string sid) => new
    {
        account_sid = AccountSid,
        api_version = "2010-04-01",
        body = "Wallet low: Balance is 2.10 USD.",
        direction = "outbound-api",
        error_code = (int?)null,
        error_message = (string?)null,
        from = "+15017122661",
        num_segments = "1",
        sid,
        status = "queued",
        to = "+15558675310",
        uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}.json",
    };

    private static object Error(int code, string message, int status) =>
        new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status };

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Posts_the_form_with_basic_auth_and_returns_the_message_sid()
    {
        _api.Answer(MessagesPath, 201, Created("SM1f2e3d4c5b6a79801f2e3d4c5b6a7980"));

        var channel = Channel();
        var outcome = await channel.SendAsync(Message, Ct);

        Assert.Equal(NotificationChannel.Sms, channel.Channel);
        Assert.Equal(ChannelOutcome.Delivered("SM1f2e3d4c5b6a79801f2e3d4c5b6a7980"), outcome);
        var request = Assert.Single(_api.Requests).RequestMessage!;
        Assert.Equal("POST", request.Method);
        Assert.Equal(MessagesPath, request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        var auth = AuthenticationHeaderValue.Parse(request.Headers["Authorization"].Single());
        Assert.Equal("Basic", auth.Scheme);
        Assert.Equal($"{AccountSid}:{AuthToken}", Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter!)));
        var form = Form(request.Body!);
        Assert.Equal("+15558675310", form["To"]);
        Assert.Equal("+15017122661", form["From"]);
        Assert.Equal("Wallet low: Balance is 2.10 USD.", form["Body"]);
        Assert.False(form.ContainsKey("MessagingServiceSid"));
    }

    [Fact]
    public async Task A_messaging_service_replaces_the_from_number()
    {
        _api.Answer(MessagesPath, 201, Created("SM00000000000000000000000000000001"));

        await Channel(o => { o.From = null; o.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef"; }).SendAsync(Message, Ct);

        var form = Form(Assert.Single(_api.Requests).RequestMessage!.Body!);
        Assert.Equal("MG0123456789abcdef0123456789abcdef", form["MessagingServiceSid"]);
        Assert.False(form.ContainsKey("From"));
    }

    [Fact]
    public async Task A_long_text_is_cut_to_1600_characters()
    {
        _api.Answer(MessagesPath, 201, Created("SM00000000000000000000000000000002"));

        await Channel().SendAsync(Message with { Text = new string('x', 5000) }, Ct);

        var body = Form(Assert.Single(_api.Requests).RequestMessage!.Body!)["Body"];
        Assert.Equal(1600, body.Length);
        Assert.StartsWith("Wallet low: xxx", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var body = TwilioSmsChannel.BodyOf(Message with { Subject = "S", Text = new string('x', 1596) + "😀😀" });
        Assert.Equal(1599, body.Length);
        Assert.False(char.IsHighSurrogate(body[^1]));
    }

    [Fact]
    public async Task Too_many_requests_is_transient_with_retry_after()
    {
        _api.Answer(MessagesPath, 429, Error(20429, "Too Many Requests", 429), ("Retry-After", "7"));

        var outcome = await Channel().SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Equal(TimeSpan.FromSeconds(7), outcome.RetryAfter);
        Assert.Contains("20429", outcome.Detail, StringComparison.Ordinal);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData(21211, "The 'To' number +15558675310 is not a valid phone number.")]
    [InlineData(21610, "Attempt to send to unsubscribed recipient")]
    [InlineData(21614, "'To' number is not a valid mobile number")]
    public async Task A_refused_recipient_is_permanent(int code, string message)
    {
        _api.Answer(MessagesPath, 400, Error(code, message, 400));

        var outcome = await Channel().SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Permanent, $"expected Permanent, got {outcome}");
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Detail, StringComparison.Ordinal);
        Assert.Contains(message, outcome.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, 20500)]
    [InlineData(503, 20503)]
    [InlineData(401, 20003)]
    public async Task Server_errors_and_refused_credentials_are_transient(int status, int code)
    {
        _api.Answer(MessagesPath, status, Error(code, "failure", status));

        var outcome = await Channel().SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_that_answers_too_late_is_transient()
    {
        _api.AnswerLate(MessagesPath, TimeSpan.FromSeconds(4));

        var outcome = await Channel(o => o.Timeout = TimeSpan.FromSeconds(1)).SendAsync(Message, Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("within 1 s", outcome.Detail, StringComparison.Ordinal);
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
    public async Task No_outcome_detail_carries_the_auth_token()
    {
        var details = new List<string?>();
        foreach (var (status, body) in new (int, object)[]
        {
            (201, Created("SM00000000000000000000000000000003")),
            (429, Error(20429, "Too Many Requests", 429)),
            (400, Error(21211, "invalid", 400)),
            (401, Error(20003, "Authenticate", 401)),
            (500, Error(20500, "Internal Server Error", 500)),
        })
        {
            using var api = new HttpApiStandIn();
            api.Answer(MessagesPath, status, body);
            var options = new TwilioSmsOptions { AccountSid = AccountSid, AuthToken = AuthToken, From = "+15017122661", BaseUrl = api.Url };
            details.Add((await new TwilioSmsChannel(HttpApiStandIn.Client(), options, TimeProvider.System, NullLogger<TwilioSmsChannel>.Instance).SendAsync(Message, Ct)).Detail);
        }

        Assert.All(details, d =>
        {
            Assert.NotNull(d);
            Assert.DoesNotContain(AuthToken, d, StringComparison.Ordinal);
        });
    }
}
