using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DecentCloud.Application.Books;

namespace DecentCloud.Api.Tests;

/// <summary>The top-up webhook routes over HTTP: signature problems are 400 and book nothing, no secret is 503, redeliveries credit once on both databases.</summary>
public class WebhookRouteTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private const string StripeSecret = "whsec_route_test";
    private const string IcpaySecret = "icpay_route_test";
    private static readonly Dictionary<string, string?> Secrets = new()
    {
        ["STRIPE_WEBHOOK_SECRET"] = StripeSecret,
        ["ICPAY_WEBHOOK_SECRET"] = IcpaySecret,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Completed(string sessionId, Guid account, long cents) => $$"""
        {"id":"evt_route","object":"event","type":"checkout.session.completed","livemode":false,
         "data":{"object":{"id":"{{sessionId}}","object":"checkout.session","amount_total":{{cents}},"currency":"usd",
         "client_reference_id":"{{account}}","metadata":{"account_id":"{{account}}"},"mode":"payment","payment_status":"paid","status":"complete"} } }
        """;

    private static HttpRequestMessage Delivery(string path, string header, string body, string secret, long? at = null)
    {
        var t = at ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiFactory.Json(body) };
        request.Headers.TryAddWithoutValidation(header, $"t={t},v1={mac}");
        return request;
    }

    private static async Task<long> WalletAsync(ApiFactory factory, Guid account) => (await factory.SendQueryAsync(new WalletBalance(account))).Value.NanoUsd;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_stripe_webhook_five_times_concurrently_credits_once(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider, Secrets);
        using var client = api.Factory.CreateClient();
        var account = Guid.NewGuid();
        var body = Completed("cs_test_route_concurrent", account, 2_500);

        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.SendAsync(Delivery("/api/v1/webhooks/stripe", "Stripe-Signature", body, StripeSecret), Ct)));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var outcomes = await Task.WhenAll(replies.Select(async r => JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("outcome").GetString()));
        Assert.Single(outcomes, o => o == "credited");
        Assert.Equal(4, outcomes.Count(o => o == "already_credited"));
        Assert.Equal(25_000_000_000, await WalletAsync(api.Factory, account));
        Assert.True((await api.Factory.SendQueryAsync(new VerifyBooks())).Value.Balanced);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_icpay_payment_five_times_concurrently_credits_once_and_its_refund_reverses(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider, Secrets);
        using var client = api.Factory.CreateClient();
        var account = Guid.NewGuid();
        string Event(string type) => $$"""{"id":"evt_{{type}}","type":"{{type}}","data":{"id":"pay_route_1","amountUsd":"7.25","metadata":{"accountId":"{{account}}"} } }""";

        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.SendAsync(Delivery("/api/v1/webhooks/icpay", "X-ICPay-Signature", Event("payment.completed"), IcpaySecret), Ct)));
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(7_250_000_000, await WalletAsync(api.Factory, account));

        using var refund = await client.SendAsync(Delivery("/api/v1/webhooks/icpay", "X-ICPay-Signature", Event("payment.refunded"), IcpaySecret), Ct);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(0, await WalletAsync(api.Factory, account));
    }

    [Theory]
    [InlineData(0, "whsec_wrong", "bad_signature")]
    [InlineData(-400, StripeSecret, "stale_signature")]
    [InlineData(400, StripeSecret, "future_signature")]
    public async Task A_bad_or_stale_signature_is_a_400_problem_and_credits_nothing(int offset, string secret, string code)
    {
        await using var factory = new ApiFactory(Secrets);
        using var client = factory.CreateClient();
        var account = Guid.NewGuid();

        using var reply = await client.SendAsync(Delivery("/api/v1/webhooks/stripe", "Stripe-Signature", Completed("cs_test_route_bad", account, 500), secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offset), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Contains(code, await reply.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await WalletAsync(factory, account));
    }

    [Fact]
    public async Task Stripe_net_accepts_the_header_the_route_credits_and_the_route_refuses_what_stripe_net_refuses()
    {
        await using var factory = new ApiFactory(Secrets);
        using var client = factory.CreateClient();
        var account = Guid.NewGuid();
        var body = Completed("cs_test_route_stripe_net", account, 1_234);
        using var good = Delivery("/api/v1/webhooks/stripe", "Stripe-Signature", body, StripeSecret);
        var header = good.Headers.GetValues("Stripe-Signature").Single();

        // Stripe's own library is the reference implementation of the scheme: it throws on any mismatch.
        Stripe.EventUtility.ValidateSignature(body, header, StripeSecret);
        Assert.Throws<Stripe.StripeException>(() => Stripe.EventUtility.ValidateSignature(body + " ", header, StripeSecret));

        using var reply = await client.SendAsync(good, Ct);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(12_340_000_000, await WalletAsync(factory, account));
    }

    [Fact]
    public async Task A_missing_signature_is_a_400_problem()
    {
        await using var factory = new ApiFactory(Secrets);
        using var client = factory.CreateClient();

        using var reply = await client.PostAsync("/api/v1/webhooks/icpay", ApiFactory.Json("""{"type":"payment.completed"}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Contains("missing_signature", await reply.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/webhooks/stripe", "Stripe-Signature", "stripe_not_configured")]
    [InlineData("/api/v1/webhooks/icpay", "X-ICPay-Signature", "icpay_not_configured")]
    public async Task Without_its_secret_a_webhook_answers_503(string path, string header, string code)
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var reply = await client.SendAsync(Delivery(path, header, "{}", "any"), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.StatusCode);
        Assert.Contains(code, await reply.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
