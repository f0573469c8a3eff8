using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>
/// <c>POST /api/v1/wallet/topups/stripe</c> through Stripe.net against a local server answering with the Checkout
/// Session shape of Stripe's API reference; the test checks what Stripe.net sent.
/// </summary>
public sealed class StripeTopUpRouteTests : IAsyncDisposable
{
    private readonly HttpListener _stripe = new();
    private readonly List<(string Path, string Authorization, string? IdempotencyKey, Dictionary<string, string> Form)> _received = [];
    private readonly int _port;
    private readonly Task _serving;

    public StripeTopUpRouteTests()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _stripe.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _stripe.Start();
        _serving = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (_stripe.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _stripe.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var form = QueryHelpers.ParseQuery(await reader.ReadToEndAsync()).ToDictionary(p => p.Key, p => p.Value.ToString());
            lock (_received)
            {
                _received.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"] ?? "", context.Request.Headers["Idempotency-Key"], form));
            }

            var reply = Encoding.UTF8.GetBytes("""
                {"id":"cs_test_a1WcbVJcUWoXh5U3tUPFyG5GVtiKbOQo0v7LLuo8hN8DJLnBhZsH7k4cKd","object":"checkout.session","amount_total":2500,
                 "currency":"usd","mode":"payment","payment_status":"unpaid","status":"open","livemode":false,
                 "url":"https://checkout.stripe.com/c/pay/cs_test_a1WcbVJcUWoXh5U3tUPFyG5GVtiKbOQo0v7LLuo8hN8DJLnBhZsH7k4cKd"}
                """);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stripe.Stop();
        _stripe.Close();
        await _serving;
    }

    private ApiFactory Api() => new(new Dictionary<string, string?>
    {
        ["STRIPE_SECRET_KEY"] = "sk_test_route_key",
        ["STRIPE_API_BASE_URL"] = $"http://127.0.0.1:{_port}",
        ["DC_TOPUP_SUCCESS_URL"] = "https://app.decent-cloud.test/wallet?topup=ok",
        ["DC_TOPUP_CANCEL_URL"] = "https://app.decent-cloud.test/wallet?topup=cancel",
    });

    [Fact]
    public async Task A_top_up_creates_a_payment_session_with_the_amount_in_cents_and_the_account_as_reference()
    {
        await using var factory = Api();
        using var client = factory.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);
        var (_, wallet) = await SendAsync(client, user.Signed(HttpMethod.Get, "/api/v1/wallet"));
        var account = wallet.GetProperty("accountId").GetString();

        var (status, started) = await SendAsync(client, user.Signed(HttpMethod.Post, "/api/v1/wallet/topups/stripe", """{"amountUsd":"25.00"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cs_test_a1WcbVJcUWoXh5U3tUPFyG5GVtiKbOQo0v7LLuo8hN8DJLnBhZsH7k4cKd", started.GetProperty("sessionId").GetString());
        Assert.StartsWith("https://checkout.stripe.com/c/pay/cs_test_", started.GetProperty("checkoutUrl").GetString(), StringComparison.Ordinal);
        var sent = Assert.Single(_received);
        Assert.Equal("/v1/checkout/sessions", sent.Path);
        Assert.Equal("Bearer sk_test_route_key", sent.Authorization);
        Assert.StartsWith("topup-", sent.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal("payment", sent.Form["mode"]);
        Assert.Equal(account, sent.Form["client_reference_id"]);
        Assert.Equal(account, sent.Form["metadata[account_id]"]);
        Assert.True(Guid.TryParse(sent.Form["metadata[topup_id]"], out _));
        Assert.Equal("2500", sent.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("usd", sent.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("1", sent.Form["line_items[0][quantity]"]);
        Assert.Equal("https://app.decent-cloud.test/wallet?topup=ok", sent.Form["success_url"]);
        Assert.Equal("https://app.decent-cloud.test/wallet?topup=cancel", sent.Form["cancel_url"]);
    }

    [Fact]
    public async Task The_client_package_starts_a_top_up()
    {
        await using var factory = Api();
        using var client = factory.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);
        await using var services = factory.ClientServices(device: user.Device);

        var started = await services.GetRequiredService<DecentCloud.Api.Client.IAccountApi>()
            .StartStripeTopUpAsync(new DecentCloud.Api.Client.StripeTopUpRequest("12.50"), TestContext.Current.CancellationToken);

        Assert.Equal("cs_test_a1WcbVJcUWoXh5U3tUPFyG5GVtiKbOQo0v7LLuo8hN8DJLnBhZsH7k4cKd", started.SessionId);
        Assert.Equal("1250", Assert.Single(_received).Form["line_items[0][price_data][unit_amount]"]);
    }

    [Theory]
    [InlineData("0.99")]
    [InlineData("10000.01")]
    [InlineData("25.001")]
    [InlineData("-5")]
    [InlineData("abc")]
    public async Task An_amount_outside_1_to_10000_or_with_more_than_two_decimals_is_a_400_and_nothing_is_sent(string amount)
    {
        await using var factory = Api();
        using var client = factory.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);

        var (status, problem) = await SendAsync(client, user.Signed(HttpMethod.Post, "/api/v1/wallet/topups/stripe", $$"""{"amountUsd":"{{amount}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_amount", problem.GetProperty("code").GetString());
        Assert.Empty(_received);
    }

    [Fact]
    public async Task Without_stripe_settings_the_route_answers_503_and_unsigned_calls_401()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);

        var (status, problem) = await SendAsync(client, user.Signed(HttpMethod.Post, "/api/v1/wallet/topups/stripe", """{"amountUsd":"25.00"}"""));
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/v1/wallet/topups/stripe") { Content = ApiFactory.Json("""{"amountUsd":"25.00"}""") };

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("stripe_not_configured", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, unsigned)).Status);
    }
}
