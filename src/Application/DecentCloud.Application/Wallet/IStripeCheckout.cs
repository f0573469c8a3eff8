namespace DecentCloud.Application.Wallet;

/// <summary>What a Stripe Checkout Session for a top-up is created with.</summary>
/// <param name="TopUpId">The top-up's id (sent as metadata <c>topup_id</c>).</param>
/// <param name="AccountId">Whose wallet it fills (client_reference_id and metadata <c>account_id</c>).</param>
/// <param name="AmountCents">The USD amount in cents (one line item).</param>
/// <param name="SuccessUrl">Where Stripe sends the user after paying.</param>
/// <param name="CancelUrl">Where Stripe sends the user after giving up.</param>
public sealed record StripeCheckoutRequest(Guid TopUpId, Guid AccountId, long AmountCents, Uri SuccessUrl, Uri CancelUrl);

/// <summary>A created Checkout Session.</summary>
/// <param name="SessionId">Stripe's session id (<c>cs_…</c>), the key the completed payment is credited under.</param>
/// <param name="CheckoutUrl">The page the user pays on.</param>
public sealed record StripeCheckoutSession(string SessionId, Uri CheckoutUrl);

/// <summary>Creates Stripe Checkout Sessions (the port the Stripe adapter implements).</summary>
public interface IStripeCheckout
{
    /// <summary>Creates a <c>payment</c>-mode session for <paramref name="request"/>; throws when Stripe refuses or cannot be reached.</summary>
    Task<StripeCheckoutSession> CreateAsync(StripeCheckoutRequest request, CancellationToken cancellationToken);
}
