using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Wallet;

/// <summary>The secrets the top-up webhooks are verified with; a rail without its secret answers "unavailable".</summary>
public sealed class TopUpOptions : IValidatableObject
{
    /// <summary>Stripe's webhook endpoint secret (<c>STRIPE_WEBHOOK_SECRET</c>, <c>whsec_…</c>); empty disables the Stripe webhook.</summary>
    public string? StripeWebhookSecret { get; set; }

    /// <summary>ICPay's webhook secret (<c>ICPAY_WEBHOOK_SECRET</c>); empty disables the ICPay webhook.</summary>
    public string? IcpayWebhookSecret { get; set; }

    /// <summary>Where Stripe sends the user after paying (<c>DC_TOPUP_SUCCESS_URL</c>, absolute http(s)).</summary>
    public Uri? TopUpSuccessUrl { get; set; }

    /// <summary>Where Stripe sends the user after giving up (<c>DC_TOPUP_CANCEL_URL</c>, absolute http(s)).</summary>
    public Uri? TopUpCancelUrl { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (url, name) in new[] { (TopUpSuccessUrl, nameof(TopUpSuccessUrl)), (TopUpCancelUrl, nameof(TopUpCancelUrl)) })
        {
            if (url is not null && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
            {
                yield return new ValidationResult($"{name} must be an absolute http(s) URL.", [name]);
            }
        }
    }
}
