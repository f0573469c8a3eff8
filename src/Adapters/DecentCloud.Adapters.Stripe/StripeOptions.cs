using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Adapters.Stripe;

/// <summary>How the API reaches Stripe (section <c>Stripe</c>).</summary>
public sealed class StripeOptions
{
    /// <summary>The secret API key (<c>STRIPE_SECRET_KEY</c>, <c>sk_…</c>); never logged.</summary>
    [Required]
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>Stripe's API base URL (<c>STRIPE_API_BASE_URL</c>); only tests point it elsewhere.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.stripe.com");
}
