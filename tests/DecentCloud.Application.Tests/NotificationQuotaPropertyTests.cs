using CsCheck;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>
/// Random sequences of notifications, deliveries, wallet top-ups, pack purchases and clock moves (across UTC days and past
/// a pack's month) through the real use cases and the SQLite quota gate, against a model of the rule: a delivery takes
/// the free allowance of its UTC day first, then the valid pack of its channel that lapses first, else it is refused;
/// a pack costs its price from the wallet or is refused for want of it; nothing is charged twice.
/// </summary>
public sealed class NotificationQuotaPropertyTests : IAsyncLifetime
{
    private static readonly NotificationChannel[] Channels = [NotificationChannel.Email, NotificationChannel.Telegram, NotificationChannel.Sms, NotificationChannel.InApp];

    private static readonly Dictionary<NotificationChannel, int> Free = new()
    {
        [NotificationChannel.Email] = 2, [NotificationChannel.Telegram] = 1, [NotificationChannel.Sms] = 0,
    };

    private static readonly NotificationPackOffer[] Packs =
    [
        new() { Channel = "email", Name = "email-3", Messages = 3, PriceUsd = "0.25" },
        new() { Channel = "telegram", Name = "telegram-2", Messages = 2, PriceUsd = "1" },
        new() { Channel = "sms", Name = "sms-1", Messages = 1, PriceUsd = "0.5" },
    ];

    private AppHarness? _app;

    private enum Op
    {
        Write,
        Deliver,
        DeliverAgain,
        TopUp,
        BuyPack,
        AdvanceHours,
        AdvanceDays,
    }

    private sealed record Step(Op Op, int Pick)
    {
        public override string ToString() => $"{Op}({Pick})";
    }

    private static readonly Gen<Step> Steps = Gen.Select(
        Gen.Frequency((5, Gen.Const(Op.Write)), (6, Gen.Const(Op.Deliver)), (1, Gen.Const(Op.DeliverAgain)), (2, Gen.Const(Op.TopUp)),
            (3, Gen.Const(Op.BuyPack)), (2, Gen.Const(Op.AdvanceHours)), (1, Gen.Const(Op.AdvanceDays))),
        Gen.Int[0, 99],
        (op, pick) => new Step(op, pick));

    public async ValueTask InitializeAsync() =>
        _app = await AppHarness.CreateAsync(configureServices: s =>
        {
            foreach (var channel in Channels.Where(c => c != NotificationChannel.InApp))
            {
                s.AddSingleton<INotificationChannel>(new AcceptingChannel(channel));
            }

            s.Configure<NotificationOptions>(o =>
            {
                o.FreeDailyEmail = Free[NotificationChannel.Email];
                o.FreeDailyTelegram = Free[NotificationChannel.Telegram];
                o.FreeDailySms = Free[NotificationChannel.Sms];
                o.Packs = [.. Packs];
            });
        });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public Task Every_delivery_is_charged_as_the_rule_says_and_never_twice() =>
        Steps.List[1, 40].SampleAsync(steps => new World(_app!).RunAsync(steps), iter: 25, threads: 1);

    private sealed class AcceptingChannel(NotificationChannel channel) : INotificationChannel
    {
        public NotificationChannel Channel => channel;

        public Task<ChannelOutcome> SendAsync(ChannelMessage message, CancellationToken cancellationToken) => Task.FromResult(ChannelOutcome.Delivered());
    }

    /// <summary>One sequence on a fresh account, with the model beside it.</summary>
    private sealed class World(AppHarness app)
    {
        private readonly Guid _account = Guid.NewGuid();
        private readonly List<(Guid Id, NotificationChannel Channel)> _written = [];
        private readonly Dictionary<Guid, NotificationStatus> _settled = [];
        private readonly Dictionary<(NotificationChannel, DateOnly), int> _freeUsed = [];
        private readonly List<(Guid Id, NotificationChannel Channel, int Messages, DateTimeOffset ValidUntil)> _packs = [];
        private readonly Dictionary<Guid, int> _packUsed = [];
        private long _wallet;

        private AccountPrincipal Signer => new("device", _account);

        public async Task RunAsync(IReadOnlyList<Step> steps)
        {
            foreach (var step in steps)
            {
                await ApplyAsync(step);
            }

            var usage = (await app.SendAsync(new GetNotificationUsage(Signer))).Value;
            var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
            foreach (var channel in usage.Channels)
            {
                Assert.Equal(_freeUsed.GetValueOrDefault((channel.Channel, today)), channel.FreeUsed);
                var valid = _packs.Where(p => p.Channel == channel.Channel && p.ValidUntil > app.Time.GetUtcNow()).ToList();
                Assert.Equal((valid.Sum(p => (long)_packUsed.GetValueOrDefault(p.Id)), valid.Sum(p => (long)p.Messages)), (channel.PaidUsed, channel.PaidLimit));
            }

            await using var scope = app.Scope();
            Assert.Equal(_wallet, await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(LedgerAccount.Wallet(_account), CancellationToken.None));
        }

        private async Task ApplyAsync(Step step)
        {
            switch (step.Op)
            {
                case Op.Write:
                    await WriteAsync(Channels[step.Pick % Channels.Length]);
                    break;
                case Op.Deliver:
                    var pending = _written.Where(w => !_settled.ContainsKey(w.Id)).ToList();
                    if (pending.Count > 0)
                    {
                        await DeliverAsync(pending[step.Pick % pending.Count]);
                    }

                    break;
                case Op.DeliverAgain:
                    var settled = _written.Where(w => _settled.ContainsKey(w.Id)).ToList();
                    if (settled.Count > 0)
                    {
                        var again = settled[step.Pick % settled.Count];
                        var before = await UsageSnapshotAsync();
                        Assert.Equal(_settled[again.Id], (await app.SendAsync(new DeliverNotification(again.Id))).Status);
                        Assert.Equal(before, await UsageSnapshotAsync());
                    }

                    break;
                case Op.TopUp:
                    await TopUpAsync(25_000_000 * (1 + (step.Pick % 40)));
                    break;
                case Op.BuyPack:
                    await BuyAsync(Packs[step.Pick % Packs.Length]);
                    break;
                case Op.AdvanceHours:
                    app.Time.Advance(TimeSpan.FromHours(1 + (step.Pick % 12)));
                    break;
                case Op.AdvanceDays:
                    app.Time.Advance(TimeSpan.FromDays(1 + (step.Pick % 40)));
                    break;
            }
        }

        private async Task WriteAsync(NotificationChannel channel)
        {
            await using var scope = app.Scope();
            var address = channel switch
            {
                NotificationChannel.Email => "ops@example.com",
                NotificationChannel.Telegram => "123456789",
                NotificationChannel.Sms => "+41791234567",
                _ => null,
            };
            var n = Notification.Create(Guid.NewGuid(), _account, channel, NotificationKind.SlaBreached, address, "s", "t", $"p:{Guid.NewGuid():N}", app.Time.GetUtcNow()).Value;
            scope.ServiceProvider.GetRequiredService<INotificationStore>().Add(n);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            _written.Add((n.Id, channel));
        }

        private async Task DeliverAsync((Guid Id, NotificationChannel Channel) n)
        {
            var now = app.Time.GetUtcNow();
            var day = DateOnly.FromDateTime(now.UtcDateTime);
            var expected = NotificationStatus.Delivered;
            Guid? expectedPack = null;
            if (n.Channel != NotificationChannel.InApp && _freeUsed.GetValueOrDefault((n.Channel, day)) >= Free[n.Channel])
            {
                var pack = _packs.Where(p => p.Channel == n.Channel && p.ValidUntil > now && _packUsed.GetValueOrDefault(p.Id) < p.Messages)
                    .OrderBy(p => p.ValidUntil).ThenBy(p => p.Id).Select(p => (Guid?)p.Id).FirstOrDefault();
                if (pack is { } id)
                {
                    expectedPack = id;
                    _packUsed[id] = _packUsed.GetValueOrDefault(id) + 1;
                }
                else
                {
                    expected = NotificationStatus.Refused;
                }
            }
            else
            {
                _freeUsed[(n.Channel, day)] = _freeUsed.GetValueOrDefault((n.Channel, day)) + 1;
            }

            var outcome = await app.SendAsync(new DeliverNotification(n.Id));
            Assert.Equal(expected, outcome.Status);
            _settled[n.Id] = outcome.Status;
            await using var scope = app.Scope();
            var stored = await scope.ServiceProvider.GetRequiredService<INotificationStore>().FindAsync(n.Id, CancellationToken.None);
            Assert.Equal(expectedPack, stored!.PackId);
            if (expected == NotificationStatus.Refused)
            {
                Assert.StartsWith("quota exhausted", stored.Reason, StringComparison.Ordinal);
            }
        }

        private async Task TopUpAsync(long nanoUsd)
        {
            await using var scope = app.Scope();
            var topUp = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, $"topup:{Guid.NewGuid():N}", app.Time.GetUtcNow(), "test",
                LedgerAccount.Stripe, LedgerAccount.Wallet(_account), UsdAmount.FromNanoUsd(nanoUsd).Value).Value;
            Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(topUp, CancellationToken.None)).IsSuccess);
            _wallet += nanoUsd;
        }

        private async Task BuyAsync(NotificationPackOffer offer)
        {
            var price = UsdAmount.Parse(offer.PriceUsd).Value.NanoUsd;
            var bought = await app.SendAsync(new BuyNotificationPack(Signer, offer.Name, null));
            if (_wallet < price)
            {
                Assert.Equal("insufficient_funds", ((Domain.Common.DomainError)bought.Errors.Single()).Code);
                return;
            }

            Assert.True(bought.IsSuccess);
            Assert.Equal(app.Time.GetUtcNow().AddMonths(1), bought.Value.ValidUntil);
            _wallet -= price;
            _packs.Add((bought.Value.Id, NotificationChannels.Parse(offer.Channel).Value, offer.Messages, bought.Value.ValidUntil));
        }

        private async Task<string> UsageSnapshotAsync()
        {
            var usage = (await app.SendAsync(new GetNotificationUsage(Signer))).Value;
            return string.Join(";", usage.Channels.Select(c => $"{c.Channel}:{c.FreeUsed}:{c.PaidUsed}"));
        }
    }
}
