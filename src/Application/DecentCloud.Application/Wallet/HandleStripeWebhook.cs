using System.Text.Json;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money.Books;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Wallet;

/// <summary>
/// A delivery to <c>POST /api/v1/webhooks/stripe</c>: the raw body and its <c>Stripe-Signature</c> header. A
/// <c>checkout.session.completed</c> event with <c>payment_status</c> <c>paid</c> in USD credits the session's
/// <c>amount_total</c> (cents) to the wallet of <c>metadata.account_id</c> (else <c>client_reference_id</c>) once,
/// under the key <c>stripe:{session id}</c>. A delayed payment method completes the session unpaid and then sends
/// <c>checkout.session.async_payment_succeeded</c> with the session paid: that credits under the same key, so the
/// session is credited once whichever event (or both) arrives. Every other event type is acknowledged and ignored.
/// </summary>
/// <param name="Body">The body exactly as received (the signature covers these bytes).</param>
/// <param name="Signature">The <c>Stripe-Signature</c> header.</param>
public sealed record HandleStripeWebhook(ReadOnlyMemory<byte> Body, string? Signature) : ICommand<Result<WebhookOutcome>>;

/// <summary>Handles <see cref="HandleStripeWebhook"/>.</summary>
internal sealed partial class HandleStripeWebhookHandler(
    IOptions<TopUpOptions> options, TopUpBooking booking, TimeProvider time, ILogger<HandleStripeWebhookHandler> logger)
    : ICommandHandler<HandleStripeWebhook, Result<WebhookOutcome>>
{
    private const long NanoUsdPerCent = 10_000_000;

    public async ValueTask<Result<WebhookOutcome>> Handle(HandleStripeWebhook command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var verified = WebhookSignature.VerifiedJson(
            options.Value.StripeWebhookSecret, command.Signature, command.Body, time.GetUtcNow(), "stripe_not_configured", "STRIPE_WEBHOOK_SECRET");
        if (verified.IsFailed)
        {
            return verified.ToResult();
        }

        var document = verified.Value;
        using (document)
        {
            var root = document.RootElement;
            var type = root.Text("type");
            if (type is not ("checkout.session.completed" or "checkout.session.async_payment_succeeded"))
            {
                return WebhookOutcome.Ignored;
            }

            var session = root.At("data", "object") ?? default;
            var sessionId = session.Text("id");
            if (string.IsNullOrEmpty(sessionId))
            {
                return Result.Fail(DomainError.Invalid("invalid_payload", $"{type} carries no data.object.id."));
            }

            if (session.Text("payment_status") != "paid")
            {
                // Delayed payment methods complete the session unpaid; the money has not arrived, so nothing is credited.
                LogUnpaid(logger, sessionId);
                return WebhookOutcome.Recorded;
            }

            var account = WebhookPayload.AccountId(session.Text("metadata", "account_id") ?? session.Text("client_reference_id"));
            var cents = session.Integer("amount_total");
            if (account is null || cents is not > 0 || !string.Equals(session.Text("currency"), "usd", StringComparison.OrdinalIgnoreCase))
            {
                // Acknowledged, not refused: Stripe would redeliver a refused event for days and the body would not change.
                // The paid session stays in Stripe's dashboard for the operator to settle by hand.
                LogUncreditable(logger, sessionId);
                return WebhookOutcome.Recorded;
            }

            return await booking.CreditAsync(
                LedgerAccount.Stripe, account.Value, checked(cents.Value * NanoUsdPerCent), "stripe:" + sessionId, "Stripe Checkout " + sessionId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe checkout session {SessionId} completed unpaid; nothing credited")]
    private static partial void LogUnpaid(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe checkout session {SessionId} is paid but names no account, no positive amount or not USD; nothing credited, settle it by hand")]
    private static partial void LogUncreditable(ILogger logger, string sessionId);
}
