using System.Globalization;
using System.Text.RegularExpressions;
using DecentCloud.Tests.Shared;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// Issue 15's crash test: the API as a process (SQLite) with its email channel on a real SMTP server (STARTTLS with a
/// pinned certificate, AUTH). A verification code is committed, the API is killed (SIGKILL) before its outbox sends it,
/// and the restarted API delivers it exactly once and charges the quota once.
/// </summary>
public sealed partial class NotificationKillTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-notify-kill-").FullName;
    private readonly int _apiPort = Programs.FreeTcpPort();
    private readonly int _dnsPort = Programs.FreeTcpPort();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly LocalSmtpServer _smtp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ApiUrl => $"http://127.0.0.1:{_apiPort}";

    [Fact]
    public async Task Killed_between_commit_and_send_the_restarted_api_delivers_the_email_once()
    {
        var client = new PlatformClient(ApiUrl, () => Environment(3600), _dir, _http);

        // The first process dispatches its outbox only at start (nothing then), so the code it commits waits in the outbox.
        var first = await StartAsync(outboxIntervalSeconds: 3600);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var user = await client.NewUserAsync();
        await client.UserAsync(user, HttpMethod.Put, "/api/v1/accounts/me/notification-settings/email", "{\"address\":\"owner@example.com\"}");
        await first.DisposeAsync();
        Assert.Empty(_smtp.Messages);

        // Restarted with a one-second outbox: the code goes out once, and stays sent once over the next runs.
        await using var second = await StartAsync(outboxIntervalSeconds: 1);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_smtp.Messages.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        var (recipients, message) = Assert.Single(_smtp.Messages);
        Assert.Equal(["owner@example.com"], recipients);
        Assert.Equal("Your DecentCloud verification code", message.Subject);

        var usage = await client.UserAsync(user, HttpMethod.Get, "/api/v1/accounts/me/notification-usage");
        var email = usage.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "email");
        Assert.Equal(1, email.GetProperty("free").GetProperty("used").GetInt32());

        var code = SixDigits().Match(message.TextBody ?? "").Value;
        var verified = await client.UserAsync(user, HttpMethod.Post, "/api/v1/accounts/me/notification-settings/email/verify", $"{{\"code\":\"{code}\"}}");
        Assert.True(verified.GetProperty("channels")[0].GetProperty("verified").GetBoolean());
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_dir, true);
    }

    private async Task<Background> StartAsync(int outboxIntervalSeconds)
    {
        var api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], Environment(outboxIntervalSeconds), _dir);
        await api.WaitForTcpAsync(_apiPort, TimeSpan.FromSeconds(60));
        return api;
    }

    private Dictionary<string, string> Environment(int outboxIntervalSeconds) => new()
    {
        ["API_PUBLIC_URL"] = ApiUrl,
        ["DC_LISTEN_URLS"] = ApiUrl,
        ["DC_DNS_LISTEN"] = $"127.0.0.1:{_dnsPort}",
        ["DC_SQLITE_PATH"] = Path.Combine(_dir, "api.db"),
        ["DC_OUTBOX_INTERVAL_SECONDS"] = outboxIntervalSeconds.ToString(CultureInfo.InvariantCulture),
        ["DC_SMTP_HOST"] = "127.0.0.1",
        ["DC_SMTP_PORT"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["DC_SMTP_USERNAME"] = LocalSmtpServer.User,
        ["DC_SMTP_PASSWORD"] = LocalSmtpServer.Password,
        ["DC_SMTP_FROM"] = "alerts@notify.example",
        ["DC_SMTP_CERT_SHA256"] = _smtp.CertificateSha256,
    };

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
