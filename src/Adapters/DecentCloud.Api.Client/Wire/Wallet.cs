namespace DecentCloud.Api.Client;

/// <summary>
/// The answer of <c>POST /api/v1/webhooks/stripe</c> and <c>/icpay</c> to a delivery whose signature verified
/// (a 2xx tells the sender to stop redelivering).
/// </summary>
/// <param name="Received">Always true.</param>
/// <param name="Outcome"><c>credited</c>, <c>already_credited</c>, <c>reversed</c>, <c>already_reversed</c>, <c>recorded</c> (logged, no money moved) or <c>ignored</c> (an event type not acted on).</param>
public sealed record WebhookReceipt(bool Received, string Outcome);

/// <summary><c>GET /api/v1/wallet</c>: the signer's prepaid USD and its last movements.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="BalanceUsd">The balance as decimal USD text (up to 9 decimals), e.g. <c>25</c> or <c>12.5</c>.</param>
/// <param name="BalanceNanoUsd">The balance in nano-USD (10⁻⁹ USD).</param>
/// <param name="Entries">The last movements, newest first.</param>
public sealed record WalletDetails(Guid AccountId, string BalanceUsd, long BalanceNanoUsd, IReadOnlyList<WalletEntryDetails> Entries);

/// <summary>One movement of a wallet.</summary>
/// <param name="TransactionId">The books' transaction.</param>
/// <param name="Kind"><c>topup</c>, <c>rental_debit</c>, <c>rental_refund</c>, <c>adjustment</c>, <c>purchase</c>, <c>reversal</c>, …</param>
/// <param name="AmountUsd">Signed decimal USD text: positive came in, negative went out.</param>
/// <param name="AmountNanoUsd">The same in nano-USD.</param>
/// <param name="At">When.</param>
/// <param name="Memo">A note, e.g. <c>Stripe Checkout cs_…</c>.</param>
public sealed record WalletEntryDetails(Guid TransactionId, string Kind, string AmountUsd, long AmountNanoUsd, DateTimeOffset At, string Memo);

/// <summary><c>POST /api/v1/wallet/topups/stripe</c>: how much to top up.</summary>
/// <param name="AmountUsd">Decimal USD text, 1.00-10000.00, at most two decimals, e.g. <c>25.00</c>.</param>
public sealed record StripeTopUpRequest(string AmountUsd);

/// <summary>The Checkout Session the user pays on; the wallet is credited when Stripe confirms the payment.</summary>
/// <param name="CheckoutUrl">Stripe's payment page.</param>
/// <param name="SessionId">Stripe's session id (<c>cs_…</c>).</param>
public sealed record StripeTopUpStarted(Uri CheckoutUrl, string SessionId);
