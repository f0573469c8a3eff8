using System.Collections.Concurrent;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Notifications;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// The one quota gate on a real database: concurrent sends from two instances at the edge of the free allowance, a
/// paid pack bought in the middle of a burst, and deliveries that survive a crash between commit and send.
/// </summary>
public class NotificationGateTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A Telegram channel that records what reached it; it can be told to fail the next sends.</summary>
    private sealed class RecordingChannel : INotificationChannel
    {
        public ConcurrentQueue<ChannelMessage> Sent { get; } = new();

        public ConcurrentQueue<Func<CancellationToken, ChannelOutcome>> Next { get; } = new();

        public NotificationChannel Channel => NotificationChannel.Telegram;

        public Task<ChannelOutcome> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
        {
            if (Next.TryDequeue(out var scripted))
            {
                var outcome = scripted(cancellationToken);
                if (outcome.Kind != ChannelOutcomeKind.Delivered)
                {
                    return Task.FromResult(outcome);
                }
            }

            Sent.Enqueue(message);
            return Task.FromResult(ChannelOutcome.Delivered($"m{Sent.Count}"));
        }
    }

    private static ServiceProvider Instance(TestDatabase db, FakeTimeProvider clock, RecordingChannel channel, int freeTelegram = 50, int maxAttempts = 24) =>
        db.NewInstance(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<INotificationChannel>(channel);
            s.Configure<NotificationOptions>(o =>
            {
                o.FreeDailyTelegram = freeTelegram;
                o.MaxAttempts = maxAttempts;
                o.Packs = [new() { Channel = "telegram", Name = "telegram-30", Messages = 30, PriceUsd = "1.50" }];
            });
        });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_hundred_concurrent_sends_at_the_edge_of_the_free_allowance_deliver_exactly_the_allowance(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var channel = new RecordingChannel();
        await using var a = Instance(db, clock, channel);
        await using var b = Instance(db, clock, channel);
        var account = Guid.NewGuid();
        var ids = await PendingAsync(a, account, 200);

        var outcomes = await Task.WhenAll(ids.Select((id, i) => SendAsync(i % 2 == 0 ? a : b, new DeliverNotification(id))));

        Assert.Equal(50, outcomes.Count(o => o.Status == NotificationStatus.Delivered));
        Assert.Equal(150, outcomes.Count(o => o.Status == NotificationStatus.Refused));
        Assert.Equal(50, channel.Sent.Count);
        Assert.Equal(50, channel.Sent.Select(m => m.IdempotencyKey).Distinct().Count());
        var stored = await StoredAsync(a, account);
        Assert.Equal(50, stored.Count(n => n.Status == NotificationStatus.Delivered && n.ChargedTo == QuotaSource.Free));
        Assert.All(stored.Where(n => n.Status == NotificationStatus.Refused), n =>
        {
            Assert.Null(n.ChargedTo);
            Assert.Contains("free daily allowance of 50 telegram messages is used up", n.Reason, StringComparison.Ordinal);
        });
        var usage = await UsageAsync(a, account);
        Assert.Equal(new ChannelUsage(NotificationChannel.Telegram, 50, 50, 0, 0), usage.Channels.Single(c => c.Channel == NotificationChannel.Telegram));

        // Delivering them all again sends nothing more and charges nothing more.
        await Task.WhenAll(ids.Select(id => SendAsync(a, new DeliverNotification(id))));
        Assert.Equal(50, channel.Sent.Count);
        Assert.Equal(50, (await UsageAsync(a, account)).Channels.Single(c => c.Channel == NotificationChannel.Telegram).FreeUsed);

        // The next UTC day has a fresh allowance.
        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await PendingAsync(a, account, 1);
        Assert.Equal(NotificationStatus.Delivered, (await SendAsync(b, new DeliverNotification(tomorrow[0]))).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_pack_bought_in_the_middle_of_a_burst_pays_for_exactly_its_size_after_the_free_allowance(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var channel = new RecordingChannel();
        await using var a = Instance(db, clock, channel);
        await using var b = Instance(db, clock, channel);
        var account = Guid.NewGuid();
        await TopUpAsync(a, account, 2_000_000_000);
        var ids = await PendingAsync(a, account, 200);

        // The first hundred race the purchase; the second hundred start once it is bought, so the pack is surely used up.
        var bought = new TaskCompletionSource();
        var first = ids.Take(100).Select((id, i) => SendAsync(i % 2 == 0 ? a : b, new DeliverNotification(id))).ToList();
        var purchase = Task.Run(async () =>
        {
            var pack = await SendAsync(b, new BuyNotificationPack(new AccountPrincipal("device", account), "telegram-30", "burst"));
            bought.SetResult();
            return pack;
        });
        var second = ids.Skip(100).Select(async (id, i) =>
        {
            await bought.Task;
            return await SendAsync(i % 2 == 0 ? a : b, new DeliverNotification(id));
        }).ToList();
        var outcomes = await Task.WhenAll([.. first, .. second]);
        var pack = await purchase;

        Assert.True(pack.IsSuccess, string.Join("; ", pack.Errors.Select(e => e.Message)));
        Assert.Equal(80, outcomes.Count(o => o.Status == NotificationStatus.Delivered));
        Assert.Equal(120, outcomes.Count(o => o.Status == NotificationStatus.Refused));
        Assert.Equal(80, channel.Sent.Count);
        var stored = await StoredAsync(a, account);
        Assert.Equal(50, stored.Count(n => n.ChargedTo == QuotaSource.Free));
        Assert.Equal(30, stored.Count(n => n.ChargedTo == QuotaSource.Paid && n.PackId == pack.Value.Id));
        var usage = await UsageAsync(a, account);
        Assert.Equal(new ChannelUsage(NotificationChannel.Telegram, 50, 50, 30, 30), usage.Channels.Single(c => c.Channel == NotificationChannel.Telegram));
        await using var scope = a.CreateAsyncScope();
        Assert.Equal(500_000_000, await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(LedgerAccount.Wallet(account), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_pack_is_bought_once_per_request_and_never_on_credit(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        await using var api = Instance(db, clock, new RecordingChannel());
        var account = Guid.NewGuid();
        var signer = new AccountPrincipal("device", account);

        var broke = await SendAsync(api, new BuyNotificationPack(signer, "telegram-30", null));
        Assert.Equal("insufficient_funds", Assert.IsType<Domain.Common.DomainError>(broke.Errors.Single()).Code);

        await TopUpAsync(api, account, 1_500_000_000);
        var twice = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(api, new BuyNotificationPack(signer, "telegram-30", "r-1"))));
        Assert.All(twice, r => Assert.True(r.IsSuccess, string.Join("; ", r.Errors.Select(e => e.Message))));
        Assert.Single(twice.Select(r => r.Value.Id).ToHashSet());
        var usage = await UsageAsync(api, account);
        Assert.Single(usage.Packs);
        Assert.Equal(clock.GetUtcNow().AddMonths(1), usage.Packs[0].ValidUntil);

        var unknown = await SendAsync(api, new BuyNotificationPack(signer, "sms-1", null));
        Assert.Equal("unknown_pack", Assert.IsType<Domain.Common.DomainError>(unknown.Errors.Single()).Code);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_database_refuses_a_pack_or_a_day_beyond_its_size_whatever_the_code_does(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var account = Guid.NewGuid();
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        var pack = NotificationPack.Buy(Guid.NewGuid(), account, NotificationChannel.Sms, "sms-1", 1, UsdAmount.FromWholeUsd(1).Value, "k-1", Now).Value;
        context.Add(pack);
        await context.SaveChangesAsync(Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => context.Set<NotificationPack>().Where(p => p.Id == pack.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Used, 2), Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO notification_usage (\"AccountId\", \"Channel\", \"Day\", \"Used\", \"DailyLimit\") VALUES ({account}, {"sms"}, {1}, {6}, {5})", Ct));
        Assert.Equal(1, await context.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO notification_usage (\"AccountId\", \"Channel\", \"Day\", \"Used\", \"DailyLimit\") VALUES ({account}, {"sms"}, {1}, {5}, {5})", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_crash_between_commit_and_send_delivers_once_after_restart_and_charges_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var channel = new RecordingChannel();
        var account = Guid.NewGuid();

        // Instance one commits the notice (in-app and the verified Telegram chat, each with its outbox message) and dies
        // before dispatching anything.
        await using (var crashed = Instance(db, clock, channel))
        {
            await using var scope = crashed.CreateAsyncScope();
            var settings = NotificationSettings.For(account, Now);
            Assert.True(settings.SetAddress(NotificationChannel.Telegram, "123456789", enabled: true, Now).IsSuccess);
            Assert.True(settings.StartVerification(NotificationChannel.Telegram, [1, 2, 3], Now.AddMinutes(5), TimeSpan.Zero, Now).IsSuccess);
            Assert.True(settings.Verify(NotificationChannel.Telegram, [1, 2, 3], Now).IsSuccess);
            scope.ServiceProvider.GetRequiredService<INotificationSettingsStore>().Add(settings);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            await notifier.NotifyAsync(new Notice(account, NotificationKind.WalletLow, "wallet_low:e1", "Wallet low", "Top up."), Ct);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        // Instance two starts dispatching: in-app goes into the inbox; Telegram is charged, and the instance is stopped
        // while the channel is sending.
        using var shutdown = new CancellationTokenSource();
        channel.Next.Enqueue(token =>
        {
            shutdown.Cancel();
            token.ThrowIfCancellationRequested();
            return ChannelOutcome.Delivered();
        });
        await using (var stopped = Instance(db, clock, channel))
        {
            await using var scope = stopped.CreateAsyncScope();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DispatchOutbox(), shutdown.Token));
        }

        Assert.Empty(channel.Sent);
        // Not before its claim runs out: the stopped instance might still have been sending.
        await using var restarted = Instance(db, clock, channel);
        Assert.Equal(0, await SendAsync(restarted, new DispatchOutbox()));
        clock.Advance(new OutboxOptions().ClaimTimeout + TimeSpan.FromSeconds(1));
        // The Telegram delivery, and the in-app one too when the stopped instance had claimed it but not reached it yet.
        Assert.InRange(await SendAsync(restarted, new DispatchOutbox()), 1, 2);
        Assert.Equal(0, await SendAsync(restarted, new DispatchOutbox()));
        var sent = Assert.Single(channel.Sent);
        Assert.Equal(("123456789", "Wallet low", "wallet_low:e1:telegram"), (sent.Address, sent.Subject, sent.IdempotencyKey));
        Assert.Equal(1, (await UsageAsync(restarted, account)).Channels.Single(c => c.Channel == NotificationChannel.Telegram).FreeUsed);

        var inbox = await SendAsync(restarted, new ListInbox(new AccountPrincipal("device", account)));
        Assert.Equal("Wallet low", Assert.Single(inbox.Value.Items).Subject);
        Assert.Equal(1, (await UsageAsync(restarted, account)).Channels.Single(c => c.Channel == NotificationChannel.InApp).FreeUsed);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_rate_limited_send_waits_as_long_as_the_channel_asked_and_a_failure_for_good_gives_its_charge_back(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var channel = new RecordingChannel();
        await using var api = Instance(db, clock, channel, maxAttempts: 3);
        var account = Guid.NewGuid();
        var ids = await PendingAsync(api, account, 3);
        await using (var scope = api.CreateAsyncScope())
        {
            foreach (var id in ids)
            {
                scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue("notification.deliver", $"{{\"NotificationId\":\"{id}\"}}", $"test:{id}");
            }

            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        // Telegram answers 429 with retry_after 90 s to the first, "chat not found" to the second, and the third keeps
        // timing out.
        var timeouts = 0;
        channel.Next.Enqueue(_ => ChannelOutcome.Transient("429 Too Many Requests", TimeSpan.FromSeconds(90)));
        channel.Next.Enqueue(_ => ChannelOutcome.Permanent("400 Bad Request: chat not found"));
        for (var i = 0; i < 3; i++)
        {
            channel.Next.Enqueue(_ =>
            {
                timeouts++;
                return ChannelOutcome.Transient("timed out");
            });
        }

        Assert.Equal(1, await SendAsync(api, new DispatchOutbox()));
        var stored = await StoredAsync(api, account);
        var failed = Assert.Single(stored, n => n.Status == NotificationStatus.Failed);
        Assert.Equal("400 Bad Request: chat not found", failed.Reason);
        Assert.NotNull(failed.RefundedAt);
        Assert.Equal(2, stored.Count(n => n.Status == NotificationStatus.Pending && n.Attempts == 1));

        // The outbox's own backoff (10 s, then 20 s) is shorter than the wait asked for: the rate-limited one is not sent
        // before 90 s, while the third is tried again at 60 s and 85 s and fails for good at its third attempt.
        clock.Advance(TimeSpan.FromSeconds(60));
        await SendAsync(api, new DispatchOutbox());
        clock.Advance(TimeSpan.FromSeconds(25));
        await SendAsync(api, new DispatchOutbox());
        Assert.Empty(channel.Sent);
        Assert.Equal(3, timeouts);
        stored = await StoredAsync(api, account);
        Assert.Equal("gave up after 3 attempts: timed out", Assert.Single(stored, n => n.Status == NotificationStatus.Failed && n.Attempts == 3).Reason);
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await SendAsync(api, new DispatchOutbox()));
        Assert.Single(channel.Sent);

        // Three charged, two given back: only the delivered one counts, whatever the number of attempts.
        Assert.Equal(1, (await UsageAsync(api, account)).Channels.Single(c => c.Channel == NotificationChannel.Telegram).FreeUsed);
        Assert.Equal(0, await SendAsync(api, new DispatchOutbox()));
    }

    private static async Task<List<Guid>> PendingAsync(IServiceProvider services, Guid account, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var n = Notification.Create(Guid.NewGuid(), account, NotificationChannel.Telegram, NotificationKind.SlaBreached, "123456789", $"breach {i}", "text", $"test:{Guid.NewGuid():N}", Now).Value;
            store.Add(n);
            ids.Add(n.Id);
        }

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return ids;
    }

    private static async Task TopUpAsync(IServiceProvider services, Guid account, long nanoUsd)
    {
        await using var scope = services.CreateAsyncScope();
        var topUp = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, $"topup:{Guid.NewGuid():N}", Now, "test top-up",
            LedgerAccount.Stripe, LedgerAccount.Wallet(account), UsdAmount.FromNanoUsd(nanoUsd).Value).Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(topUp, Ct)).IsSuccess);
    }

    private static async Task<List<Notification>> StoredAsync(IServiceProvider services, Guid account)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>().Set<Notification>().Where(n => n.AccountId == account).AsNoTracking().ToListAsync(Ct);
    }

    private static async Task<NotificationUsageView> UsageAsync(IServiceProvider services, Guid account) =>
        (await SendAsync(services, new GetNotificationUsage(new AccountPrincipal("device", account)))).Value;

    private static async Task<T> SendAsync<T>(IServiceProvider services, ICommand<T> command)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, Ct);
    }

    private static async Task<T> SendAsync<T>(IServiceProvider services, IQuery<T> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, Ct);
    }
}
