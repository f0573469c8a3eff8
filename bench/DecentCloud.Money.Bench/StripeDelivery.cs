using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace DecentCloud.Money.Bench;

/// <summary>
/// A <c>checkout.session.completed</c> event shaped like Stripe's API reference, signed the way Stripe signs webhook
/// deliveries: <c>Stripe-Signature: t={unix},v1={hex HMAC-SHA256 of "{t}.{body}" under the endpoint secret}</c>.
/// </summary>
internal static class StripeDelivery
{
    public const string Path = "/api/v1/webhooks/stripe";

    public static byte[] Completed(string sessionId, Guid account, long cents) => Encoding.UTF8.GetBytes($$"""
        {
          "id": "evt_{{sessionId}}",
          "object": "event",
          "api_version": "2025-03-31.basil",
          "created": {{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},
          "data": {
            "object": {
              "id": "{{sessionId}}",
              "object": "checkout.session",
              "amount_subtotal": {{cents}},
              "amount_total": {{cents}},
              "client_reference_id": "{{account}}",
              "currency": "usd",
              "metadata": { "account_id": "{{account}}" },
              "mode": "payment",
              "payment_intent": "pi_{{sessionId}}",
              "payment_status": "paid",
              "status": "complete"
            }
          },
          "livemode": false,
          "pending_webhooks": 1,
          "request": { "id": null, "idempotency_key": null },
          "type": "checkout.session.completed"
        }
        """);

    /// <summary>A signed POST of <paramref name="body"/>, timestamped now.</summary>
    public static HttpRequestMessage Request(byte[] body, string secret)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={timestamp},v1={v1}");
        return request;
    }
}
