using DecentCloud.Application.Wallet;
using Stripe;
using Stripe.Checkout;

namespace DecentCloud.Adapters.Stripe;

/// <summary>Creates Checkout Sessions with Stripe.net: mode payment, one USD line item, the account as client reference.</summary>
internal sealed class StripeCheckout(StripeOptions options) : IStripeCheckout
{
    private readonly StripeClient _client = new(apiKey: options.SecretKey, apiBase: options.ApiBaseUrl.AbsoluteUri.TrimEnd('/'));

    public async Task<StripeCheckoutSession> CreateAsync(StripeCheckoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.AccountId.ToString("D");
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = account,
            SuccessUrl = request.SuccessUrl.AbsoluteUri,
            CancelUrl = request.CancelUrl.AbsoluteUri,
            Metadata = new Dictionary<string, string> { ["account_id"] = account, ["topup_id"] = request.TopUpId.ToString("D") },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "usd",
                        UnitAmount = request.AmountCents,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "DecentCloud wallet top-up" },
                    },
                },
            ],
        };
        try
        {
            // The top-up id as Stripe's idempotency key: a retried create returns the same session, not a second one.
            var session = await new SessionService(_client).CreateAsync(create, new RequestOptions { IdempotencyKey = "topup-" + request.TopUpId.ToString("N") }, cancellationToken);
            return Uri.TryCreate(session.Url, UriKind.Absolute, out var url) && !string.IsNullOrEmpty(session.Id)
                ? new StripeCheckoutSession(session.Id, url)
                : throw new InvalidOperationException("Stripe answered a checkout session without an id or url.");
        }
        catch (StripeException ex)
        {
            // StripeException carries Stripe's message, never the key; it becomes the upstream failure the use case maps.
            throw new InvalidOperationException($"Stripe refused the checkout session: {ex.StripeError?.Code ?? ex.Message}", ex);
        }
    }
}
