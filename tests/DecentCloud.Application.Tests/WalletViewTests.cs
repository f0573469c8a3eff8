using DecentCloud.Application.Accounts;
using DecentCloud.Application.Wallet;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money.Books;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>The wallet view over the SQLite books: balance and the last movements, newest first, signed.</summary>
public sealed class WalletViewTests : IAsyncLifetime
{
    private const string Secret = "icpay_view_secret";
    private AppHarness? _app;

    private AppHarness App => _app!;

    public async ValueTask InitializeAsync() => _app = await AppHarness.CreateAsync(configureServices: s => s.Configure<TopUpOptions>(o => o.IcpayWebhookSecret = Secret));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task IcpayAsync(string type, string paymentId, Guid account, string amount)
    {
        var body = TopUpWebhookTests.IcpayEvent(type, paymentId, account, amount);
        var result = await App.SendAsync(new HandleIcpayWebhook(body, WebhookSignature.Header(App.Time.GetUtcNow().ToUnixTimeSeconds(), body, Secret)));
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task The_view_shows_the_balance_and_the_last_movements_newest_first_with_debits_negative()
    {
        var account = Guid.NewGuid();
        var other = Guid.NewGuid();
        await IcpayAsync("payment.completed", "pay_v1", account, "10.00");
        App.Time.Advance(TimeSpan.FromMinutes(1));
        await IcpayAsync("payment.completed", "pay_v2", account, "2.50");
        App.Time.Advance(TimeSpan.FromMinutes(1));
        await IcpayAsync("payment.completed", "pay_v3", other, "99.00");
        await IcpayAsync("payment.refunded", "pay_v1", account, "10.00");

        var view = (await App.SendAsync(new ViewWallet(new AccountPrincipal("00", account)))).Value;

        Assert.Equal(2_500_000_000, view.Balance.NanoUsd);
        Assert.Equal([(LedgerTransactionKind.Reversal, -10_000_000_000L), (LedgerTransactionKind.TopUp, 2_500_000_000L), (LedgerTransactionKind.TopUp, 10_000_000_000L)],
            view.Entries.Select(e => (e.Kind, e.AmountNanoUsd)).ToArray());
        Assert.Equal("ICPay refund pay_v1", view.Entries[0].Memo);

        var last = (await App.SendAsync(new ViewWallet(new AccountPrincipal("00", account), Limit: 1))).Value;
        Assert.Equal(LedgerTransactionKind.Reversal, Assert.Single(last.Entries).Kind);
    }

    [Fact]
    public async Task A_signer_without_an_account_or_a_bad_limit_is_refused()
    {
        var none = await App.SendAsync(new ViewWallet(new AccountPrincipal("00", null)));
        var bad = await App.SendAsync(new ViewWallet(new AccountPrincipal("00", Guid.NewGuid()), Limit: 201));

        Assert.Equal("account_not_found", Assert.IsType<DomainError>(Assert.Single(none.Errors)).Code);
        Assert.Equal("invalid_limit", Assert.IsType<DomainError>(Assert.Single(bad.Errors)).Code);
    }
}
