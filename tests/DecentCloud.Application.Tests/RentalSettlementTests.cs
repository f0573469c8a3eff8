using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Rentals;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>Rentals over real SQLite stores and a moving clock: the timeouts settle a rental as a user's move does.</summary>
public sealed partial class RentalSettlementTests : IAsyncLifetime
{
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@laptop";
    private readonly Dictionary<Guid, AccountPrincipal> _providers = [];
    private AppHarness _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A platform fee of 2.5 % on every release (the releases' tests in RentalSettlementTests.Releases.cs read it).
    public async ValueTask InitializeAsync() =>
        _app = await AppHarness.CreateAsync(configureServices: s => s.Configure<DecentCloud.Application.Releases.EscrowOptions>(o => o.PlatformFeePercent = FeePercent));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_unanswered_rental_that_expires_refunds_the_wallet_and_frees_the_stock()
    {
        var offering = await OfferingAsync(autoAccept: false);
        var renter = await AccountAsync();
        await FundAsync(renter, UsdAmount.FromWholeUsd(100).Value);

        var rented = await _app.SendAsync(new RentOffering(renter, offering, 30L * 86400, SshKey, null, null));
        Assert.True(rented.IsSuccess);
        Assert.Equal(("requested", true), (rented.Value.State, rented.Value.Paid));
        var id = ContractId.FromHex(rented.Value.ContractId).Value;
        Assert.Equal(80_000_000_000, await BalanceAsync(LedgerAccount.Wallet(renter.AccountId!.Value)));

        _app.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await _app.SendAsync(new ApplyContractTimeouts()));

        Assert.Equal(100_000_000_000, await BalanceAsync(LedgerAccount.Wallet(renter.AccountId!.Value)));
        Assert.Equal(0, await BalanceAsync(LedgerAccount.Escrow(id)));
        Assert.Equal(0, await ReservedAsync(offering));
        Assert.True((await _app.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    [Fact]
    public async Task An_auto_accepted_rental_is_accepted_and_paid_at_once_and_a_paused_offering_is_not_rented()
    {
        var offering = await OfferingAsync(autoAccept: true);
        var renter = await AccountAsync();
        await FundAsync(renter, UsdAmount.FromWholeUsd(100).Value);

        var rented = await _app.SendAsync(new RentOffering(renter, offering, 30L * 86400, SshKey, null, null));
        Assert.Equal(("accepted", true), (rented.Value.State, rented.Value.Paid));

        var provider = _providers[offering];
        Assert.True((await _app.SendAsync(new ChangeOfferingState(provider, offering.ToString(), OfferingAction.Pause))).IsSuccess);
        var refused = await _app.SendAsync(new RentOffering(renter, offering, 30L * 86400, SshKey, null, null));
        Assert.Equal("offering_not_active", refused.FirstDomainError().Code);
        Assert.Equal(80_000_000_000, await BalanceAsync(LedgerAccount.Wallet(renter.AccountId!.Value)));
    }

    private async Task<Guid> OfferingAsync(bool autoAccept)
    {
        var owner = await AccountAsync();
        Assert.True((await _app.SendAsync(new SetProviderProfile(owner, new ProviderProfileFields("Acme", null, "DE", "ops@acme.example", null, null, autoAccept, null, null)))).IsSuccess);
        Assert.True((await _app.SendAsync(new CreateSetupToken("pool-r", ProviderProfile.ProviderIdOf(owner.AccountId!.Value).Value, null, null))).IsSuccess);
        // 20 USD a month: 30 days cost exactly 20 USD.
        var published = await _app.SendAsync(new PublishOffering(owner, new OfferingFields("small", 2, 2048, 40, "eu-central", "DE", "pool-r", "docker", "20", 9990, 3600, 86400 * 90, 2)));
        _providers[published.Value.Id] = owner;
        return published.Value.Id;
    }

    private async Task<AccountPrincipal> AccountAsync()
    {
        var device = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var account = Account.Register(Guid.NewGuid(), new string('f', 64), device, "laptop", _app.Time.GetUtcNow()).Value;
        await using var scope = _app.Scope();
        scope.ServiceProvider.GetRequiredService<IAccountStore>().Add(account);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return new AccountPrincipal(device, account.Id);
    }

    private async Task FundAsync(AccountPrincipal account, UsdAmount amount)
    {
        await using var scope = _app.Scope();
        var topUp = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:" + Guid.NewGuid().ToString("N"), _app.Time.GetUtcNow(), null,
            LedgerAccount.Stripe, LedgerAccount.Wallet(account.AccountId!.Value), amount).Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(topUp, Ct)).IsSuccess);
    }

    private async Task<long> BalanceAsync(LedgerAccount account)
    {
        await using var scope = _app.Scope();
        return await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(account, Ct);
    }

    private async Task<int> ReservedAsync(Guid offering)
    {
        await using var scope = _app.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(offering, Ct))!.Reserved;
    }
}
