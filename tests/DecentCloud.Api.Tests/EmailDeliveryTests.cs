using System.Net;
using System.Text.RegularExpressions;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Notifications;
using DecentCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>
/// The API configured by its DC_SMTP_* variables delivers through a real SMTP server (STARTTLS with a pinned certificate,
/// AUTH): a refused connection leaves the notification pending and the outbox retries it, nothing is lost or sent twice.
/// </summary>
public sealed partial class EmailDeliveryTests
{
    [Fact]
    public async Task A_verification_code_crosses_a_real_smtp_server_after_a_refused_connection_and_verifies_the_address()
    {
        using var certificate = LocalSmtpServer.SelfSigned();
        var port = LocalSmtpServer.FreePort();
        await using var api = new ApiFactory(
            new Dictionary<string, string?>
            {
                ["DC_SMTP_HOST"] = "127.0.0.1",
                ["DC_SMTP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DC_SMTP_USERNAME"] = LocalSmtpServer.User,
                ["DC_SMTP_PASSWORD"] = LocalSmtpServer.Password,
                ["DC_SMTP_FROM"] = "alerts@notify.example",
                ["DC_SMTP_CERT_SHA256"] = Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)),
            },
            services => services.Configure<OutboxOptions>(o => o.RetryBaseDelay = TimeSpan.FromSeconds(1)));
        using var client = api.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);
        var (set, _) = await SendAsync(client, user.Signed(HttpMethod.Put, "/api/v1/accounts/me/notification-settings/email", "{\"address\":\"owner@example.com\"}"));
        Assert.Equal(HttpStatusCode.OK, set);

        // Nothing listens yet: the send fails, the notification stays pending with the reason, and nothing is lost.
        Assert.Equal(0, await api.SendAsync(new DispatchOutbox()));
        var pending = await VerificationAsync(api);
        Assert.Equal((NotificationStatus.Pending, 1), (pending.Status, pending.Attempts));
        Assert.NotNull(pending.Reason);

        await using var smtp = new LocalSmtpServer(port, certificate);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        Assert.Equal(1, await api.SendAsync(new DispatchOutbox()));
        Assert.Equal(0, await api.SendAsync(new DispatchOutbox()));

        var (recipients, message) = Assert.Single(smtp.Messages);
        Assert.Equal(["owner@example.com"], recipients);
        Assert.Equal(("alerts@notify.example", "owner@example.com", "Your DecentCloud verification code"),
            (message.From.Mailboxes.Single().Address, message.To.Mailboxes.Single().Address, message.Subject));
        Assert.NotNull(message.TextBody);
        Assert.NotNull(message.HtmlBody);
        Assert.Equal((LocalSmtpServer.User, LocalSmtpServer.Password), smtp.Logins.Single());
        var delivered = await VerificationAsync(api);
        Assert.Equal((NotificationStatus.Delivered, QuotaSource.Free), (delivered.Status, delivered.ChargedTo));

        var code = SixDigits().Match(message.TextBody).Value;
        var (verified, settings) = await SendAsync(client, user.Signed(HttpMethod.Post, "/api/v1/accounts/me/notification-settings/email/verify", $"{{\"code\":\"{code}\"}}"));
        Assert.Equal(HttpStatusCode.OK, verified);
        Assert.True(settings.GetProperty("channels")[0].GetProperty("verified").GetBoolean());
    }

    private static async Task<Notification> VerificationAsync(ApiFactory api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DecentCloud.Adapters.Persistence.DecentCloudDbContext>();
        return db.Set<Notification>().Single(n => n.Kind == NotificationKind.AddressVerification);
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
