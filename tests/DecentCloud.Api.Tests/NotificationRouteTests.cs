using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Notifications;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>The signer's notification settings, verification, inbox, usage and packs, over HTTP.</summary>
public sealed partial class NotificationRouteTests : ApiRouteTest
{
    private const string SettingsPath = "/api/v1/accounts/me/notification-settings";

    /// <summary>An email channel that keeps what reached it.</summary>
    private sealed class Mailbox : INotificationChannel
    {
        public ConcurrentQueue<ChannelMessage> Sent { get; } = new();

        public NotificationChannel Channel => NotificationChannel.Email;

        public Task<ChannelOutcome> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
        {
            Sent.Enqueue(message);
            return Task.FromResult(ChannelOutcome.Delivered());
        }
    }

    [Fact]
    public async Task An_email_address_is_verified_by_its_code_before_notifications_go_there_and_the_inbox_and_usage_follow()
    {
        var mailbox = new Mailbox();
        await using var api = new ApiFactory(services: s => s.AddSingleton<INotificationChannel>(mailbox));
        using var client = api.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);

        var (_, empty) = await SendAsync(client, user.Signed(HttpMethod.Get, SettingsPath));
        Assert.Equal(["email", "telegram", "sms"], empty.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("channel").GetString()));
        var account = empty.GetProperty("accountId").GetGuid();

        var (bad, problem) = await SendAsync(client, user.Signed(HttpMethod.Put, SettingsPath + "/email", "{\"address\":\"not an address\"}"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_address"), (bad, problem.GetProperty("code").GetString()));
        var (unknown, unknownProblem) = await SendAsync(client, user.Signed(HttpMethod.Put, SettingsPath + "/pigeon", "{\"address\":\"x\"}"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_channel"), (unknown, unknownProblem.GetProperty("code").GetString()));

        var (set, pending) = await SendAsync(client, user.Signed(HttpMethod.Put, SettingsPath + "/email", "{\"address\":\"user@example.com\"}"));
        Assert.Equal(HttpStatusCode.OK, set);
        var email = pending.GetProperty("channels")[0];
        Assert.Equal(("user@example.com", true, false, true),
            (email.GetProperty("address").GetString(), email.GetProperty("enabled").GetBoolean(), email.GetProperty("verified").GetBoolean(), email.GetProperty("verificationPending").GetBoolean()));

        // A notice before verification reaches the inbox only.
        await NotifyAsync(api, account, "before");
        Assert.Equal(2, await api.SendAsync(new DispatchOutbox()));
        var codeMail = Assert.Single(mailbox.Sent);
        Assert.Equal("user@example.com", codeMail.Address);
        Assert.Contains("<p>", codeMail.Html, StringComparison.Ordinal);
        var code = SixDigits().Match(codeMail.Text).Value;
        Assert.Equal(6, code.Length);

        var (tooSoon, _) = await SendAsync(client, user.Signed(HttpMethod.Post, SettingsPath + "/email/code"));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon);
        var wrongCode = code == "000000" ? "111111" : "000000";
        var (wrong, wrongProblem) = await SendAsync(client, user.Signed(HttpMethod.Post, SettingsPath + "/email/verify", $"{{\"code\":\"{wrongCode}\"}}"));
        Assert.Equal((HttpStatusCode.BadRequest, "wrong_code"), (wrong, wrongProblem.GetProperty("code").GetString()));
        var (verifiedStatus, verified) = await SendAsync(client, user.Signed(HttpMethod.Post, SettingsPath + "/email/verify", $"{{\"code\":\"{code}\"}}"));
        Assert.Equal(HttpStatusCode.OK, verifiedStatus);
        Assert.True(verified.GetProperty("channels")[0].GetProperty("verified").GetBoolean());

        // After verification a notice goes to the inbox and to the address.
        await NotifyAsync(api, account, "after");
        Assert.Equal(2, await api.SendAsync(new DispatchOutbox()));
        Assert.Equal(2, mailbox.Sent.Count);
        Assert.Equal(("user@example.com", "after"), (mailbox.Sent.Last().Address, mailbox.Sent.Last().Subject));

        var (_, inbox) = await SendAsync(client, user.Signed(HttpMethod.Get, "/api/v1/accounts/me/notifications"));
        Assert.Equal(2, inbox.GetProperty("unread").GetInt32());
        Assert.Equal(["after", "before"], inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()));
        Assert.Equal("wallet_low", inbox.GetProperty("items")[0].GetProperty("kind").GetString());
        var newest = inbox.GetProperty("items")[0].GetProperty("id").GetGuid();

        var stranger = new TestUser();
        await RegisterAsync(client, stranger);
        var (foreign, _) = await SendAsync(client, stranger.Signed(HttpMethod.Post, $"/api/v1/accounts/me/notifications/{newest}/read"));
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        var (read, left) = await SendAsync(client, user.Signed(HttpMethod.Post, $"/api/v1/accounts/me/notifications/{newest}/read"));
        Assert.Equal((HttpStatusCode.OK, 1), (read, left.GetProperty("unread").GetInt32()));
        var (_, unreadOnly) = await SendAsync(client, user.Signed(HttpMethod.Get, "/api/v1/accounts/me/notifications?unread=true&limit=10"));
        Assert.Equal("before", Assert.Single(unreadOnly.GetProperty("items").EnumerateArray()).GetProperty("subject").GetString());
        var (badLimit, _) = await SendAsync(client, user.Signed(HttpMethod.Get, "/api/v1/accounts/me/notifications?limit=0"));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit);

        // The code's body is not kept once it was delivered.
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DecentCloud.Adapters.Persistence.DecentCloudDbContext>();
            var stored = db.Set<Notification>().Single(n => n.Kind == NotificationKind.AddressVerification && n.AccountId == account);
            Assert.Equal((NotificationStatus.Delivered, Notification.RedactedText), (stored.Status, stored.Text));
        }

        // Usage: the code and one notice by email, two in-app (unlimited).
        await using var typed = api.ClientServices(device: user.Device);
        var accountApi = typed.GetRequiredService<DecentCloud.Api.Client.IAccountApi>();
        var usage = await accountApi.GetNotificationUsageAsync(Ct);
        var byChannel = usage.Channels.ToDictionary(c => c.Channel);
        Assert.Equal((2L, 200L), (byChannel["email"].Free.Used, byChannel["email"].Free.Limit!.Value));
        Assert.Equal((2L, (long?)null), (byChannel["in_app"].Free.Used, byChannel["in_app"].Free.Limit));
        Assert.Equal((0L, (long?)5), (byChannel["sms"].Free.Used, byChannel["sms"].Free.Limit));
        Assert.Contains(usage.OnSale, o => o.Name == "telegram-1000");

        // A pack costs wallet money: refused without it, bought with it.
        var broke = await Assert.ThrowsAsync<DecentCloud.Api.Client.DecentCloudApiException>(
            () => accountApi.BuyNotificationPackAsync(new DecentCloud.Api.Client.NotificationPackPurchase("sms-100"), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "insufficient_funds"), (broke.Status, broke.Code));
        await TopUpAsync(api, account, "10");
        var pack = await accountApi.BuyNotificationPackAsync(new DecentCloud.Api.Client.NotificationPackPurchase("sms-100", "req-1"), Ct);
        Assert.Equal(("sms", 100, "9"), (pack.Channel, pack.Messages, pack.PriceUsd));
        var again = await accountApi.BuyNotificationPackAsync(new DecentCloud.Api.Client.NotificationPackPurchase("sms-100", "req-1"), Ct);
        Assert.Equal(pack.Id, again.Id);
        var after = await accountApi.GetNotificationUsageAsync(Ct);
        Assert.Equal((0L, (long?)100), (after.Channels.Single(c => c.Channel == "sms").Paid.Used, after.Channels.Single(c => c.Channel == "sms").Paid.Limit));
        Assert.Equal(1_000_000_000, (await accountApi.GetWalletAsync(cancellationToken: Ct)).BalanceNanoUsd);

        // The purchase took the wallet from $10 to $1, below the $5 warning line: one wallet-low notice.
        await api.SendAsync(new DispatchOutbox());
        var afterPurchase = await accountApi.ListNotificationsAsync(unread: true, cancellationToken: Ct);
        Assert.Equal("Your wallet is running low", afterPurchase.Items[0].Subject);
        Assert.Equal(2, afterPurchase.Unread);

        // Removing the address stops email.
        var removed = await accountApi.RemoveNotificationAddressAsync("email", Ct);
        Assert.Null(removed.Channels[0].Address);
    }

    [Fact]
    public async Task One_address_gets_a_few_codes_a_day_whoever_asks_for_them()
    {
        // Accounts are cheap: a limit per account alone would let anyone flood someone else's inbox with codes.
        for (var i = 0; i < 4; i++)
        {
            var user = new TestUser();
            await RegisterAsync(Client, user);
            var (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Put, SettingsPath + "/email", "{\"address\":\"victim@example.com\"}"));
            if (i < 3)
            {
                Assert.Equal(HttpStatusCode.OK, status);
            }
            else
            {
                Assert.Equal((HttpStatusCode.TooManyRequests, "address_code_limit"), (status, problem.GetProperty("code").GetString()));
                var (_, settings) = await SendAsync(Client, user.Signed(HttpMethod.Get, SettingsPath));
                Assert.Equal(JsonValueKind.Null, settings.GetProperty("channels")[0].GetProperty("address").ValueKind);
            }
        }
    }

    [Fact]
    public async Task Every_notification_route_needs_a_registered_signer()
    {
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, SettingsPath), (HttpMethod.Put, SettingsPath + "/email"), (HttpMethod.Get, "/api/v1/accounts/me/notifications"),
            (HttpMethod.Get, "/api/v1/accounts/me/notification-usage"), (HttpMethod.Post, "/api/v1/accounts/me/notification-packs"),
        })
        {
            using var unsigned = new HttpRequestMessage(method, path);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, unsigned)).Status);
            Assert.NotEqual(HttpStatusCode.OK, (await SendAsync(Client, new TestUser().Signed(method, path, "{}"))).Status);
        }
    }

    private static async Task NotifyAsync(ApiFactory api, Guid account, string subject)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(
            new Notice(account, NotificationKind.WalletLow, $"test:{subject}", subject, $"{subject} text"), Ct);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    private static async Task TopUpAsync(ApiFactory api, Guid account, string usd)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var topUp = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, $"stripe:cs_{Guid.NewGuid():N}", DateTimeOffset.UtcNow, "test",
            LedgerAccount.Stripe, LedgerAccount.Wallet(account), UsdAmount.Parse(usd).Value).Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(topUp, Ct)).IsSuccess);
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
