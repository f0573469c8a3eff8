using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using DecentCloud.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace DecentCloud.Adapters.Notifications.Tests;

public sealed class SmtpEmailChannelTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly LocalSmtpServer _server = new();

    private static ChannelMessage Message(string key = "sla_breached:c-1:2026120209:email", string to = "provider@example.org") =>
        new(key, to, "SLA breached on contract c-1", "Uptime fell to 91 % (target 99 %).", "<p>Uptime fell to <b>91 %</b> (target 99 %).</p>");

    private static SmtpEmailChannel Channel(SmtpEmailOptions options) =>
        new(options, new FixedTime(Now), NullLogger<SmtpEmailChannel>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Delivers_a_multipart_message_over_starttls_with_auth()
    {
        var channel = Channel(_server.Options());
        var outcome = await channel.SendAsync(Message(), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Delivered, $"expected Delivered, got {outcome}");
        Assert.Equal(NotificationChannel.Email, channel.Channel);
        var (recipients, mail) = Assert.Single(_server.Messages);
        Assert.Equal(["provider@example.org"], recipients);
        Assert.Equal("alerts@notify.example", Assert.IsType<MailboxAddress>(Assert.Single(mail.From)).Address);
        Assert.Equal("DecentCloud Alerts", Assert.Single(mail.From).Name);
        Assert.Equal("provider@example.org", Assert.IsType<MailboxAddress>(Assert.Single(mail.To)).Address);
        Assert.Equal("SLA breached on contract c-1", mail.Subject);
        Assert.Equal(Now, mail.Date);
        Assert.Equal(SmtpEmailChannel.MessageIdFor("sla_breached:c-1:2026120209:email", "alerts@notify.example"), mail.MessageId);
        Assert.Matches("^[0-9a-f]{64}@notify\\.example$", mail.MessageId);
        Assert.Equal(mail.MessageId, outcome.Detail);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal("alternative", alternative.ContentType.MediaSubtype);
        Assert.Equal("Uptime fell to 91 % (target 99 %).", mail.TextBody!.Trim());
        Assert.Equal("<p>Uptime fell to <b>91 %</b> (target 99 %).</p>", mail.HtmlBody!.Trim());
        Assert.Contains(alternative, p => p.ContentType.MimeType == "text/plain");
        Assert.Contains(alternative, p => p.ContentType.MimeType == "text/html");

        Assert.Equal((LocalSmtpServer.User, LocalSmtpServer.Password), Assert.Single(_server.Logins));
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_the_same_message_id_and_another_key_another()
    {
        var channel = Channel(_server.Options());
        await channel.SendAsync(Message("k-1"), Ct);
        await channel.SendAsync(Message("k-1"), Ct);
        await channel.SendAsync(Message("k-2"), Ct);

        var ids = _server.Messages.Select(m => m.Message.MessageId).ToArray();
        Assert.Equal(3, ids.Length);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task A_wrong_password_is_transient_and_the_password_is_not_reported()
    {
        var outcome = await Channel(_server.Options(o => o.Password = "wrong-pass-123")).SendAsync(Message(), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("credentials", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass-123", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains((LocalSmtpServer.User, "wrong-pass-123"), _server.Logins);
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task A_certificate_that_does_not_match_the_pin_is_transient_and_nothing_is_sent()
    {
        var outcome = await Channel(_server.Options(o => o.ServerCertificateSha256 = new string('A', 64))).SendAsync(Message(), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("pinned", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_server.Logins);
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task Without_a_pin_the_self_signed_certificate_is_not_trusted()
    {
        var outcome = await Channel(_server.Options(o => o.ServerCertificateSha256 = null)).SendAsync(Message(), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("TLS", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task A_closed_port_is_transient()
    {
        var port = LocalSmtpServer.FreePort();
        var outcome = await Channel(_server.Options(o => o.Port = port)).SendAsync(Message(), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("cannot connect", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_drops_the_connection_is_transient()
    {
        using var dropper = new BadTcpServer(drop: true);
        var outcome = await Channel(_server.Options(o => o.Port = dropper.Port)).SendAsync(Message(), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("dropped", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_transient()
    {
        using var silent = new BadTcpServer(drop: false);
        var started = DateTime.UtcNow;
        var outcome = await Channel(_server.Options(o => { o.Port = silent.Port; o.Timeout = TimeSpan.FromSeconds(1); })).SendAsync(Message(), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Contains("within 1 s", outcome.Detail, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_mailbox_refused_with_550_is_permanent()
    {
        var outcome = await Channel(_server.Options()).SendAsync(Message(to: "refused@example.org"), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Permanent, $"expected Permanent, got {outcome}");
        Assert.Contains("550", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task An_address_that_is_not_an_email_address_is_permanent()
    {
        var outcome = await Channel(_server.Options()).SendAsync(Message(to: "not an address"), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Permanent, $"expected Permanent, got {outcome}");
        Assert.Empty(_server.Logins);
    }

    [Fact]
    public async Task A_relay_that_requires_auth_when_none_is_configured_is_transient()
    {
        var outcome = await Channel(_server.Options(o => { o.Username = null; o.Password = null; })).SendAsync(Message(), Ct);

        Assert.True(outcome.Kind == ChannelOutcomeKind.Transient, $"expected Transient, got {outcome}");
        Assert.Empty(_server.Messages);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
