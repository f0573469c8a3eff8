namespace DecentCloud.Application.Wallet;

/// <summary>The secrets the top-up webhooks are verified with; a rail without its secret answers "unavailable".</summary>
public sealed class TopUpOptions
{
    /// <summary>Stripe's webhook endpoint secret (<c>STRIPE_WEBHOOK_SECRET</c>, <c>whsec_…</c>); empty disables the Stripe webhook.</summary>
    public string? StripeWebhookSecret { get; set; }

    /// <summary>ICPay's webhook secret (<c>ICPAY_WEBHOOK_SECRET</c>); empty disables the ICPay webhook.</summary>
    public string? IcpayWebhookSecret { get; set; }
}
