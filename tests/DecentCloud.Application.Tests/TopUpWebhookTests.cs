using System.Text;
using DecentCloud.Application.Books;
using DecentCloud.Application.Wallet;
using DecentCloud.Domain.Common;
using FluentResults;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>
/// Stripe and ICPay webhooks on the SQLite books: a verified payment is credited once however often (or however
/// concurrently) it is delivered, a bad signature records nothing, a refund reverses and never takes a wallet below zero.
/// </summary>
public sealed class TopUpWebhookTests : IAsyncLifetime
{
    private const string StripeSecret = "whsec_stripe_test";
    private const string IcpaySecret = "icpay_test_secret";
    private AppHarness? _app;

    private AppHarness App => _app!;

    public async ValueTask InitializeAsync() => _app = await AppHarness.CreateAsync(configureServices: s => s.Configure<TopUpOptions>(o =>
    {
        o.StripeWebhookSecret = StripeSecret;
        o.IcpayWebhookSecret = IcpaySecret;
    }));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>An event shaped like Stripe's documented <c>checkout.session.completed</c> (trimmed to the fields read and a few around them).</summary>
    internal static byte[] StripeCompleted(string sessionId, Guid account, long cents, string paymentStatus = "paid", string type = "checkout.session.completed") =>
        Encoding.UTF8.GetBytes($$"""
        {
          "id": "evt_1Q{{sessionId[^6..]}}",
          "object": "event",
          "api_version": "2025-03-31.basil",
          "created": 1764072000,
          "data": {
            "object": {
              "id": "{{sessionId}}",
              "object": "checkout.session",
              "amount_subtotal": {{cents}},
              "amount_total": {{cents}},
              "client_reference_id": "{{account}}",
              "currency": "usd",
              "metadata": { "account_id": "{{account}}", "topup_id": "{{Guid.NewGuid()}}" },
              "mode": "payment",
              "payment_intent": "pi_3Q0000000000000000000000",
              "payment_status": "{{paymentStatus}}",
              "status": "complete"
            }
          },
          "livemode": false,
          "pending_webhooks": 1,
          "request": { "id": null, "idempotency_key": null },
          "type": "{{type}}"
        }
        """);

    internal static byte[] IcpayEvent(string type, string paymentId, Guid account, string amountUsd) =>
        Encoding.UTF8.GetBytes($$"""
        {"id":"evt_{{paymentId}}_{{type}}","type":"{{type}}","createdAt":"2026-11-25T12:00:00Z",
         "data":{"id":"{{paymentId}}","status":"{{type[8..]}}","amountUsd":"{{amountUsd}}","metadata":{"accountId":"{{account}}"} } }
        """);

    /// <summary>The Stripe-style envelope ICPay's API sends: the payment under <c>data.object</c>.</summary>
    internal static byte[] IcpayObjectEvent(string type, string paymentId, Guid account, string amountUsd) =>
        Encoding.UTF8.GetBytes($$"""
        {"id":"evt_{{paymentId}}_{{type}}","type":"{{type}}","createdAt":"2026-11-25T12:00:00Z",
         "data":{"object":{"id":"{{paymentId}}","status":"{{type[8..]}}","amountUsd":"{{amountUsd}}","metadata":{"accountId":"{{account}}"} } } }
        """);

    private Task<Result<WebhookOutcome>> Stripe(byte[] body, long? at = null, string secret = StripeSecret) =>
        App.SendAsync(new HandleStripeWebhook(body, WebhookSignature.Header(at ?? App.Time.GetUtcNow().ToUnixTimeSeconds(), body, secret)));

    private Task<Result<WebhookOutcome>> Icpay(byte[] body) =>
        App.SendAsync(new HandleIcpayWebhook(body, WebhookSignature.Header(App.Time.GetUtcNow().ToUnixTimeSeconds(), body, IcpaySecret)));

    private async Task<long> WalletAsync(Guid account) => (await App.SendAsync(new WalletBalance(account))).Value.NanoUsd;

    [Fact]
    public async Task A_paid_checkout_session_credits_its_amount_once_however_often_it_is_delivered()
    {
        var account = Guid.NewGuid();
        var body = StripeCompleted("cs_test_a1b2c3d4e5f6", account, 2_500);

        Assert.Equal(WebhookOutcome.Credited, (await Stripe(body)).Value);
        Assert.Equal(WebhookOutcome.AlreadyCredited, (await Stripe(body)).Value);
        Assert.Equal(25_000_000_000, await WalletAsync(account));

        await using var scope = App.Scope();
        var booked = await scope.ServiceProvider.GetRequiredService<ILedger>().FindByKeyAsync("stripe:cs_test_a1b2c3d4e5f6", TestContext.Current.CancellationToken);
        Assert.NotNull(booked);
        Assert.Contains(booked.Postings, p => p.Account == Domain.Money.Books.LedgerAccount.Stripe && p.AmountNanoUsd == -25_000_000_000);
        Assert.True((await App.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    [Fact]
    public async Task The_same_webhook_five_times_concurrently_is_credited_once()
    {
        var account = Guid.NewGuid();
        var body = StripeCompleted("cs_test_concurrent01", account, 1_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Stripe(body))));

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, string.Join("; ", o.Errors)));
        Assert.Single(outcomes, o => o.Value == WebhookOutcome.Credited);
        Assert.Equal(10_000_000_000, await WalletAsync(account));
    }

    [Theory]
    [InlineData(-301, "stale_signature")]
    [InlineData(301, "future_signature")]
    public async Task A_stale_or_future_signature_records_nothing(int offset, string code)
    {
        var account = Guid.NewGuid();
        var result = await Stripe(StripeCompleted("cs_test_stale000001", account, 500), App.Time.GetUtcNow().ToUnixTimeSeconds() + offset);

        Assert.Equal(code, Assert.IsType<DomainError>(Assert.Single(result.Errors)).Code);
        Assert.Equal(0, await WalletAsync(account));
    }

    [Fact]
    public async Task A_bad_signature_records_nothing()
    {
        var account = Guid.NewGuid();
        var result = await Stripe(StripeCompleted("cs_test_badsig00001", account, 500), secret: "whsec_attacker");

        Assert.Equal("bad_signature", Assert.IsType<DomainError>(Assert.Single(result.Errors)).Code);
        Assert.Equal(ErrorKind.Validation, ((DomainError)result.Errors[0]).Kind);
        Assert.Equal(0, await WalletAsync(account));
    }

    [Fact]
    public async Task Other_event_types_and_unpaid_sessions_are_acknowledged_and_credit_nothing()
    {
        var account = Guid.NewGuid();

        Assert.Equal(WebhookOutcome.Ignored, (await Stripe(StripeCompleted("cs_test_expired00001", account, 500, type: "checkout.session.expired"))).Value);
        Assert.Equal(WebhookOutcome.Recorded, (await Stripe(StripeCompleted("cs_test_unpaid000001", account, 500, paymentStatus: "unpaid"))).Value);
        Assert.Equal(0, await WalletAsync(account));
    }

    [Fact]
    public async Task A_delayed_payment_completes_unpaid_then_its_async_success_credits_the_session_once()
    {
        var account = Guid.NewGuid();

        Assert.Equal(WebhookOutcome.Recorded, (await Stripe(StripeCompleted("cs_test_delayed00001", account, 700, paymentStatus: "unpaid"))).Value);
        Assert.Equal(0, await WalletAsync(account));
        var succeeded = StripeCompleted("cs_test_delayed00001", account, 700, type: "checkout.session.async_payment_succeeded");
        Assert.Equal(WebhookOutcome.Credited, (await Stripe(succeeded)).Value);
        Assert.Equal(WebhookOutcome.AlreadyCredited, (await Stripe(succeeded)).Value);
        Assert.Equal(WebhookOutcome.AlreadyCredited, (await Stripe(StripeCompleted("cs_test_delayed00001", account, 700))).Value);
        Assert.Equal(7_000_000_000, await WalletAsync(account));
    }

    [Fact]
    public async Task Without_a_webhook_secret_the_rail_is_unavailable()
    {
        await using var bare = await AppHarness.CreateAsync();
        var body = StripeCompleted("cs_test_nosecret0001", Guid.NewGuid(), 500);

        var result = await bare.SendAsync(new HandleStripeWebhook(body, WebhookSignature.Header(bare.Time.GetUtcNow().ToUnixTimeSeconds(), body, StripeSecret)));

        Assert.Equal(ErrorKind.Unavailable, Assert.IsType<DomainError>(Assert.Single(result.Errors)).Kind);
    }

    [Fact]
    public async Task An_icpay_payment_is_credited_once_and_its_refund_reverses_it_once()
    {
        var account = Guid.NewGuid();

        Assert.Equal(WebhookOutcome.Credited, (await Icpay(IcpayEvent("payment.completed", "pay_001", account, "12.50"))).Value);
        Assert.Equal(WebhookOutcome.AlreadyCredited, (await Icpay(IcpayEvent("payment.completed", "pay_001", account, "12.50"))).Value);
        Assert.Equal(12_500_000_000, await WalletAsync(account));

        Assert.Equal(WebhookOutcome.Reversed, (await Icpay(IcpayEvent("payment.refunded", "pay_001", account, "12.50"))).Value);
        Assert.Equal(WebhookOutcome.AlreadyReversed, (await Icpay(IcpayEvent("payment.refunded", "pay_001", account, "12.50"))).Value);
        Assert.Equal(0, await WalletAsync(account));
        Assert.True((await App.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    [Fact]
    public async Task An_icpay_payment_under_data_object_is_the_same_payment_as_under_data()
    {
        var account = Guid.NewGuid();

        Assert.Equal(WebhookOutcome.Credited, (await Icpay(IcpayObjectEvent("payment.completed", "pay_obj1", account, "3.25"))).Value);
        Assert.Equal(WebhookOutcome.AlreadyCredited, (await Icpay(IcpayEvent("payment.completed", "pay_obj1", account, "3.25"))).Value);
        Assert.Equal(3_250_000_000, await WalletAsync(account));
        Assert.Equal(WebhookOutcome.Reversed, (await Icpay(IcpayObjectEvent("payment.refunded", "pay_obj1", account, "3.25"))).Value);
        Assert.Equal(0, await WalletAsync(account));
    }

    [Fact]
    public async Task A_refund_the_wallet_no_longer_holds_is_refused_and_the_wallet_never_goes_negative()
    {
        var account = Guid.NewGuid();
        await Icpay(IcpayEvent("payment.completed", "pay_002", account, "10.00"));
        await using (var scope = App.Scope())
        {
            // The user spent part of it (a purchase from the platform).
            var spend = Domain.Money.Books.LedgerTransaction.Create(Guid.NewGuid(), Domain.Money.Books.LedgerTransactionKind.Purchase, "test:spend:pay_002",
                App.Time.GetUtcNow(), null, [new(Domain.Money.Books.LedgerAccount.Wallet(account), -4_000_000_000), new(Domain.Money.Books.LedgerAccount.Revenue, 4_000_000_000)]).Value;
            Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(spend, TestContext.Current.CancellationToken)).IsSuccess);
        }

        var refund = await Icpay(IcpayEvent("payment.refunded", "pay_002", account, "10.00"));

        Assert.Equal("insufficient_funds", Assert.IsType<DomainError>(Assert.Single(refund.Errors)).Code);
        Assert.Equal(6_000_000_000, await WalletAsync(account));
    }

    [Fact]
    public async Task Failed_unknown_and_uncredited_icpay_events_move_no_money()
    {
        var account = Guid.NewGuid();

        Assert.Equal(WebhookOutcome.Recorded, (await Icpay(IcpayEvent("payment.failed", "pay_003", account, "5.00"))).Value);
        Assert.Equal(WebhookOutcome.Ignored, (await Icpay(IcpayEvent("payment.created", "pay_003", account, "5.00"))).Value);
        Assert.Equal(WebhookOutcome.Recorded, (await Icpay(IcpayEvent("payment.refunded", "pay_never", account, "5.00"))).Value);
        Assert.Equal(0, await WalletAsync(account));
    }
}
