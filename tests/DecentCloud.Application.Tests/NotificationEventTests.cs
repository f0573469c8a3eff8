using System.Security.Cryptography;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Notifications;
using DecentCloud.Application.Notifications.Events;
using DecentCloud.Application.Payouts;
using DecentCloud.Application.Prices;
using DecentCloud.Application.Quality;
using DecentCloud.Application.Releases;
using DecentCloud.Application.Rentals;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Prices;
using DecentCloud.Domain.Money.Releases;
using DecentCloud.Domain.Notifications;
using DecentCloud.Domain.Quality;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>
/// The events that notify, each driven through its real use case or aggregate over real SQLite stores, with a notifier
/// that records what it was handed: who hears, what kind, under which key, and that no secret is in the words.
/// </summary>
public sealed class NotificationEventTests : IAsyncLifetime
{
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@laptop";

    // A post-provision script holding a secret: nothing the user sent with the request may show up in a notification.
    private const string Script = "#!/bin/sh\nexport API_TOKEN=tok-7f3a9c-very-secret\n";

    private static readonly string[] Secrets = ["tok-7f3a9c-very-secret", "AAAAC3NzaC1lZDI1NTE5", "hunter2", "password="];

    private readonly RecordingNotifier _notifier = new();
    private AppHarness _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _app = await AppHarness.CreateAsync(configureServices: s => s.AddSingleton<INotifier>(_notifier));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_paid_rental_tells_its_provider_once()
    {
        var (offering, owner) = await OfferingAsync("20");
        var renter = await FundedAsync(100);

        var rented = await _app.SendAsync(new RentOffering(renter, offering, 30L * 86400, SshKey, null, Script));

        var id = ContractId.FromHex(rented.Value.ContractId).Value;
        var notice = Assert.Single(_notifier.Notices);
        Assert.Equal((owner, NotificationKind.RentalRequested, $"rental_requested:{id.Hex}"), (notice.AccountId, notice.Kind, notice.EventKey));
        Assert.Contains(id.Hex[..12], notice.Subject, StringComparison.Ordinal);
        Assert.Contains(offering.ToString("D"), notice.Text, StringComparison.Ordinal);
        AssertNoSecret(notice);
    }

    [Fact]
    public async Task A_refused_rental_tells_nobody()
    {
        var (offering, _) = await OfferingAsync("20");
        var renter = await FundedAsync(1);

        var refused = await _app.SendAsync(new RentOffering(renter, offering, 30L * 86400, SshKey, null, null));

        Assert.True(refused.IsFailed);
        Assert.Empty(_notifier.Notices);
    }

    [Fact]
    public async Task A_free_legacy_request_tells_a_provider_account_and_a_legacy_provider_id_is_skipped()
    {
        var providerAccount = Guid.NewGuid();
        var provider = ProviderProfile.ProviderIdOf(providerAccount).Value;
        Assert.True((await _app.SendAsync(new CreateSetupToken("pool-g", provider, null, null))).IsSuccess);
        Assert.True((await _app.SendAsync(new CreateSetupToken("pool-l", "prov-legacy", null, null))).IsSuccess);
        var user = await AccountAsync();

        var free = await _app.SendAsync(new RequestContract(user, provider, "pool-g", "small", 2, 2048, 20, SshKey, null, Script, 3600, 0));
        var legacy = await _app.SendAsync(new RequestContract(user, "prov-legacy", "pool-l", "small", 2, 2048, 20, SshKey, null, Script, 3600, 0));

        Assert.True(free.IsSuccess && legacy.IsSuccess);
        var notice = Assert.Single(_notifier.Notices);
        Assert.Equal((providerAccount, NotificationKind.RentalRequested, $"rental_requested:{free.Value.ContractId}"), (notice.AccountId, notice.Kind, notice.EventKey));
        AssertNoSecret(notice);
    }

    [Fact]
    public async Task An_sla_breach_tells_the_provider_with_the_hour_in_its_key_and_a_legacy_provider_is_skipped()
    {
        var (offering, owner) = await OfferingAsync("20");
        var renter = await FundedAsync(100);
        var id = await RentAndProvisionAsync(offering, renter, 30L * 86400);
        _notifier.Clear();
        var now = _app.Time.GetUtcNow();

        await using (var scope = _app.Scope())
        {
            var breaches = scope.ServiceProvider.GetRequiredService<ISlaBreachStore>();
            breaches.Add(SlaBreach.Detect(id, ProviderProfile.ProviderIdOf(owner), offering, new UptimeWindow(90, 100), 99.5m, now)!);
            breaches.Add(SlaBreach.Detect(id, ProviderId.Create("prov-legacy").Value, null, new UptimeWindow(90, 100), 99.5m, now.AddHours(1))!);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        var notice = Assert.Single(_notifier.Notices);
        Assert.Equal((owner, NotificationKind.SlaBreached, $"sla_breached:{id.Hex}:2026112512"), (notice.AccountId, notice.Kind, notice.EventKey));
        Assert.Contains("90%", notice.Text, StringComparison.Ordinal);
        Assert.Contains("99.5%", notice.Text, StringComparison.Ordinal);
        AssertNoSecret(notice);
    }

    [Fact]
    public async Task A_provisioned_contract_tells_its_user()
    {
        var (offering, owner) = await OfferingAsync("20");
        var renter = await FundedAsync(100);

        var id = await RentAndProvisionAsync(offering, renter, 30L * 86400);

        Assert.Equal([NotificationKind.RentalRequested, NotificationKind.ContractProvisioned], _notifier.Notices.Select(n => n.Kind));
        var notice = _notifier.Notices[1];
        Assert.Equal((renter.AccountId!.Value, $"contract_provisioned:{id.Hex}"), (notice.AccountId, notice.EventKey));
        Assert.NotEqual(owner, notice.AccountId);
        Assert.Contains("2026-12-25 12:00 UTC", notice.Text, StringComparison.Ordinal);
        AssertNoSecret(notice);
    }

    [Fact]
    public async Task A_password_reset_tells_its_user_once_per_reset_and_never_the_password_or_the_agents_reason()
    {
        var (offering, _) = await OfferingAsync("20");
        var renter = await FundedAsync(100);
        var id = await RentAndProvisionAsync(offering, renter, 30L * 86400);
        _notifier.Clear();
        var first = _app.Time.GetUtcNow();

        await ChangeContractAsync(id, c => Assert.True(c.RequestPasswordReset(first).IsSuccess));
        await ChangeContractAsync(id, c => Assert.True(c.CompletePasswordReset(true, null, first.AddMinutes(1)).IsSuccess));
        await ChangeContractAsync(id, c => Assert.True(c.CompletePasswordReset(true, null, first.AddMinutes(2)).IsSuccess));
        _app.Time.Advance(TimeSpan.FromHours(1));
        var second = _app.Time.GetUtcNow();
        await ChangeContractAsync(id, c => Assert.True(c.RequestPasswordReset(second).IsSuccess));
        await ChangeContractAsync(id, c => Assert.True(c.CompletePasswordReset(false, "sshd said: password=hunter2 rejected", second.AddMinutes(1)).IsSuccess));

        Assert.Equal(2, _notifier.Notices.Count);
        Assert.All(_notifier.Notices, n => Assert.Equal((renter.AccountId!.Value, NotificationKind.PasswordResetDone), (n.AccountId, n.Kind)));
        Assert.Equal([$"password_reset_done:{id.Hex}:{first.UtcTicks}", $"password_reset_done:{id.Hex}:{second.UtcTicks}"], _notifier.Notices.Select(n => n.EventKey));
        Assert.Contains("done", _notifier.Notices[0].Subject, StringComparison.Ordinal);
        Assert.Contains("failed", _notifier.Notices[1].Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("sshd", _notifier.Notices[1].Text, StringComparison.Ordinal);
        Assert.All(_notifier.Notices, AssertNoSecret);
    }

    [Fact]
    public async Task The_ending_soon_check_warns_a_contract_within_the_lookahead_under_one_key_and_none_outside()
    {
        var (offering, _) = await OfferingAsync("20");
        var renter = await FundedAsync(100);
        var soon = await RentAndProvisionAsync(offering, renter, 2L * 86400);
        var later = await RentAndProvisionAsync(offering, renter, 5L * 86400);
        var start = _app.Time.GetUtcNow();
        _notifier.Clear();

        Assert.Equal(0, await _app.SendAsync(new WarnEndingContracts()));
        Assert.Empty(_notifier.Notices);

        _app.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await _app.SendAsync(new WarnEndingContracts()));
        _app.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await _app.SendAsync(new WarnEndingContracts()));

        var endsAt = start.AddDays(2);
        Assert.Equal(2, _notifier.Notices.Count);
        Assert.All(_notifier.Notices, n => Assert.Equal(
            (renter.AccountId!.Value, NotificationKind.ContractEndingSoon, $"contract_ending_soon:{soon.Hex}:{endsAt.UtcTicks}"),
            (n.AccountId, n.Kind, n.EventKey)));
        Assert.DoesNotContain(_notifier.Notices, n => n.EventKey.Contains(later.Hex, StringComparison.Ordinal));
        Assert.Contains("2026-11-27 12:00 UTC", _notifier.Notices[0].Text, StringComparison.Ordinal);
        AssertNoSecret(_notifier.Notices[0]);

        // Past its end, a contract is no longer "ending soon".
        _app.Time.Advance(TimeSpan.FromHours(23));
        _notifier.Clear();
        Assert.Equal(0, await _app.SendAsync(new WarnEndingContracts()));
        Assert.Empty(_notifier.Notices);
    }

    [Fact]
    public async Task A_confirmed_payout_tells_its_provider_the_amount_token_and_block()
    {
        var owner = await ProviderWithPayoutAddressAsync();
        var provider = ProviderProfile.ProviderIdOf(owner);
        await SeedReleaseAsync(provider, 2_000_000_000);
        await SeedPriceAsync("ICP", 10m);
        var payout = Assert.Single((await _app.SendAsync(new PlanPayoutRun("admin", null, "ICP", 8, "10000", DryRun: false))).Value.Payouts);
        Assert.True((await _app.SendAsync(new MarkPayoutSubmitted("admin", null, payout.PayoutId))).IsSuccess);
        Assert.Empty(_notifier.Notices);

        Assert.True((await _app.SendAsync(new ConfirmPayout("admin", null, payout.PayoutId, "77"))).IsSuccess);
        Assert.True((await _app.SendAsync(new ConfirmPayout("admin", null, payout.PayoutId, "77"))).IsSuccess);

        var notice = Assert.Single(_notifier.Notices);
        Assert.Equal((owner, NotificationKind.PayoutSent, $"payout_sent:{payout.PayoutId:N}"), (notice.AccountId, notice.Kind, notice.EventKey));
        Assert.Contains("0.1999 ICP", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("$2.00", notice.Text, StringComparison.Ordinal);
        Assert.Contains("block 77", notice.Text, StringComparison.Ordinal);
        AssertNoSecret(notice);
    }

    [Fact]
    public async Task A_wallet_hears_once_when_a_debit_takes_it_below_the_threshold_and_not_on_later_debits()
    {
        var (offering, _) = await OfferingAsync("30");
        var renter = await FundedAsync(16);
        var account = renter.AccountId!.Value;

        // 30 USD a month: 10 days cost 10 USD (16 → 6, still at or above 5), then 2 days 2 USD (6 → 4, below), then 1 day (4 → 3).
        var first = await _app.SendAsync(new RentOffering(renter, offering, 10L * 86400, SshKey, null, null));
        Assert.Equal(6_000_000_000, await BalanceAsync(account));
        Assert.DoesNotContain(_notifier.Notices, n => n.Kind == NotificationKind.WalletLow);

        var second = await _app.SendAsync(new RentOffering(renter, offering, 2L * 86400, SshKey, null, null));
        Assert.Equal(4_000_000_000, await BalanceAsync(account));
        var third = await _app.SendAsync(new RentOffering(renter, offering, 1L * 86400, SshKey, null, null));
        Assert.Equal(3_000_000_000, await BalanceAsync(account));
        Assert.True(first.IsSuccess && second.IsSuccess && third.IsSuccess);

        var low = Assert.Single(_notifier.Notices, n => n.Kind == NotificationKind.WalletLow);
        Assert.Equal((account, $"wallet_low:{account:N}:{RentalSettlement.DebitKey(ContractId.FromHex(second.Value.ContractId).Value)}"), (low.AccountId, low.EventKey));
        Assert.Contains("$4.00", low.Text, StringComparison.Ordinal);
        Assert.Contains("$5.00", low.Text, StringComparison.Ordinal);
        AssertNoSecret(low);
    }

    [Fact]
    public async Task A_debit_from_exactly_the_threshold_warns_and_one_that_stays_at_it_does_not()
    {
        var (offering, _) = await OfferingAsync("30");
        var renter = await FundedAsync(10);
        var account = renter.AccountId!.Value;

        Assert.True((await _app.SendAsync(new RentOffering(renter, offering, 5L * 86400, SshKey, null, null))).IsSuccess);
        Assert.Equal(5_000_000_000, await BalanceAsync(account));
        Assert.DoesNotContain(_notifier.Notices, n => n.Kind == NotificationKind.WalletLow);

        Assert.True((await _app.SendAsync(new RentOffering(renter, offering, 1L * 86400, SshKey, null, null))).IsSuccess);
        Assert.Single(_notifier.Notices, n => n.Kind == NotificationKind.WalletLow && n.AccountId == account);
    }

    private static void AssertNoSecret(Notice notice)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, notice.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, notice.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>An active offering of a new provider account, priced per 30 days, with room for several rentals.</summary>
    private async Task<(Guid Offering, Guid Owner)> OfferingAsync(string monthlyUsd)
    {
        var owner = await AccountAsync();
        Assert.True((await _app.SendAsync(new SetProviderProfile(owner, new ProviderProfileFields("Acme", null, "DE", "ops@acme.example", null, null, true, null, null)))).IsSuccess);
        Assert.True((await _app.SendAsync(new CreateSetupToken("pool-n", ProviderProfile.ProviderIdOf(owner.AccountId!.Value).Value, null, null))).IsSuccess);
        var published = await _app.SendAsync(new PublishOffering(owner, new OfferingFields("small", 2, 2048, 40, "eu-central", "DE", "pool-n", "docker", monthlyUsd, 9950, 3600, 86400 * 90, 10)));
        Assert.True(published.IsSuccess);
        return (published.Value.Id, owner.AccountId!.Value);
    }

    private async Task<ContractId> RentAndProvisionAsync(Guid offering, AccountPrincipal renter, long durationSeconds)
    {
        var rented = await _app.SendAsync(new RentOffering(renter, offering, durationSeconds, SshKey, null, Script));
        Assert.Equal("accepted", rented.Value.State);
        var id = ContractId.FromHex(rented.Value.ContractId).Value;
        var agent = AgentPublicKey.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
        await ChangeContractAsync(id, c =>
        {
            var now = _app.Time.GetUtcNow();
            Assert.True(c.AcquireLease(agent, now, TimeSpan.FromMinutes(10)).IsSuccess);
            Assert.True(c.CompleteProvisioning(agent, "vm-" + id.Hex[..8], "{}", "root", now).IsSuccess);
        });
        return id;
    }

    /// <summary>Changes a contract as an agent's use case would: the change and its events' handlers in one transaction.</summary>
    private async Task ChangeContractAsync(ContractId id, Action<Contract> change)
    {
        await using var scope = _app.Scope();
        var contract = (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct))!;
        change(contract);
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.InTransactionAsync(async () =>
        {
            await unitOfWork.SaveChangesAsync(Ct);
            return true;
        }, Ct);
    }

    private async Task<AccountPrincipal> AccountAsync()
    {
        var device = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var account = Account.Register(Guid.NewGuid(), new string('f', 64), device, "laptop", _app.Time.GetUtcNow()).Value;
        await using var scope = _app.Scope();
        scope.ServiceProvider.GetRequiredService<IAccountStore>().Add(account);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return new AccountPrincipal(device, account.Id);
    }

    private async Task<AccountPrincipal> FundedAsync(long wholeUsd)
    {
        var account = await AccountAsync();
        await using var scope = _app.Scope();
        var topUp = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:" + Guid.NewGuid().ToString("N"), _app.Time.GetUtcNow(), null,
            LedgerAccount.Stripe, LedgerAccount.Wallet(account.AccountId!.Value), UsdAmount.FromWholeUsd(wholeUsd).Value).Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(topUp, Ct)).IsSuccess);
        return account;
    }

    private async Task<long> BalanceAsync(Guid account)
    {
        await using var scope = _app.Scope();
        return await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(LedgerAccount.Wallet(account), Ct);
    }

    private async Task<Guid> ProviderWithPayoutAddressAsync()
    {
        var owner = await AccountAsync();
        var fields = new ProviderProfileFields("Acme", "", "DE", "ops@acme.example", null, null, true, "2vxsx-fae", "ICP");
        Assert.True((await _app.SendAsync(new SetProviderProfile(owner, fields))).IsSuccess);
        return owner.AccountId!.Value;
    }

    /// <summary>A released row and its money on the provider's payable.</summary>
    private async Task SeedReleaseAsync(ProviderId owner, long net)
    {
        await using var scope = _app.Scope();
        var now = _app.Time.GetUtcNow();
        var release = PaymentRelease.Released(ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value, owner, PaymentReleaseKind.Daily,
            now.AddDays(-1), now, net, PlatformFee.None, now);
        scope.ServiceProvider.GetRequiredService<IReleaseStore>().AddRelease(release);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        var moved = LedgerTransaction.Transfer(LedgerTransactionKind.EscrowRelease, "seed:" + release.Id.ToString("N"), now, null, LedgerAccount.Stripe,
            LedgerAccount.Payable(owner), UsdAmount.FromNanoUsd(net).Value).Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(moved, Ct)).IsSuccess);
    }

    private async Task SeedPriceAsync(string token, decimal price)
    {
        await using var scope = _app.Scope();
        var now = _app.Time.GetUtcNow();
        scope.ServiceProvider.GetRequiredService<IPriceStore>().AddRound(new PriceRound(token, now, [new SourceAttempt("kraken", token, price, now, true, null)],
            new ChosenPrice(token, price, now, 1)));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    /// <summary>Keeps every notice it is handed, in order (the real notifier's de-duplication by key is not this test's business).</summary>
    private sealed class RecordingNotifier : INotifier
    {
        private readonly Lock _gate = new();
        private readonly List<Notice> _notices = [];

        public IReadOnlyList<Notice> Notices
        {
            get
            {
                lock (_gate)
                {
                    return [.. _notices];
                }
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _notices.Clear();
            }
        }

        public Task NotifyAsync(Notice notice, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _notices.Add(notice);
            }

            return Task.CompletedTask;
        }
    }
}
