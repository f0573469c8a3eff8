using System.Text.Json;
using DecentCloud.Application.Books;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Wallet;

/// <summary>
/// A delivery to <c>POST /api/v1/webhooks/icpay</c>: the raw body and its <c>X-ICPay-Signature</c> header. The body
/// is <c>{"id": "{event id}", "type": "...", "data": {"object": {"id": "{payment id}", "amountUsd": "25.00", "metadata":
/// {"accountId": "{account}"}}}}</c> — the Stripe-style envelope ICPay's API signs — or the same payment directly under
/// <c>data</c>.
/// <c>payment.completed</c> credits <c>data.amountUsd</c> to the wallet of <c>data.metadata.accountId</c> (key
/// <c>icpay:{payment id}</c>); <c>payment.refunded</c> takes back what that payment credited (key
/// <c>icpay-refund:{payment id}</c>) — refused with <c>insufficient_funds</c> when the wallet no longer holds it;
/// <c>payment.failed</c> is recorded in the log; other types are acknowledged.
/// </summary>
/// <param name="Body">The body exactly as received (the signature covers these bytes).</param>
/// <param name="Signature">The <c>X-ICPay-Signature</c> header.</param>
public sealed record HandleIcpayWebhook(ReadOnlyMemory<byte> Body, string? Signature) : ICommand<Result<WebhookOutcome>>;

/// <summary>Handles <see cref="HandleIcpayWebhook"/>.</summary>
internal sealed partial class HandleIcpayWebhookHandler(
    IOptions<TopUpOptions> options, TopUpBooking booking, ILedger ledger, TimeProvider time, ILogger<HandleIcpayWebhookHandler> logger)
    : ICommandHandler<HandleIcpayWebhook, Result<WebhookOutcome>>
{
    public async ValueTask<Result<WebhookOutcome>> Handle(HandleIcpayWebhook command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var verified = WebhookSignature.VerifiedJson(
            options.Value.IcpayWebhookSecret, command.Signature, command.Body, time.GetUtcNow(), "icpay_not_configured", "ICPAY_WEBHOOK_SECRET");
        if (verified.IsFailed)
        {
            return verified.ToResult();
        }

        var document = verified.Value;
        using (document)
        {
            var root = document.RootElement;
            var type = root.Text("type");
            if (type is not ("payment.completed" or "payment.refunded" or "payment.failed"))
            {
                return WebhookOutcome.Ignored;
            }

            var payment = root.At("data", "object") ?? root.At("data") ?? default;
            var paymentId = payment.Text("id");
            if (string.IsNullOrEmpty(paymentId))
            {
                return Result.Fail(DomainError.Invalid("invalid_payload", $"{type} carries no data.object.id (or data.id)."));
            }

            return type switch
            {
                "payment.completed" => await CreditAsync(payment, paymentId, cancellationToken),
                "payment.refunded" => await ReverseAsync(paymentId, cancellationToken),
                _ => Failed(paymentId),
            };
        }
    }

    private async Task<Result<WebhookOutcome>> CreditAsync(JsonElement payment, string paymentId, CancellationToken cancellationToken)
    {
        var account = WebhookPayload.AccountId(payment.Text("metadata", "accountId"));
        var amount = UsdAmount.Parse(payment.Text("amountUsd"));
        if (account is null || amount.IsFailed || amount.Value.IsZero)
        {
            // Acknowledged, not refused: a redelivery carries the same body; the operator settles it from the ICPay dashboard.
            LogUncreditable(logger, paymentId);
            return WebhookOutcome.Recorded;
        }

        return await booking.CreditAsync(LedgerAccount.Icpay, account.Value, amount.Value.NanoUsd, "icpay:" + paymentId, "ICPay payment " + paymentId, cancellationToken);
    }

    private async Task<Result<WebhookOutcome>> ReverseAsync(string paymentId, CancellationToken cancellationToken)
    {
        // The refund takes back exactly what the payment credited, so the wallet and amount come from the books, not the body.
        var credit = await ledger.FindByKeyAsync("icpay:" + paymentId, cancellationToken);
        var wallet = credit?.Postings.FirstOrDefault(p => p.Account.IsWallet);
        if (wallet is null || !Guid.TryParse(wallet.Account.Owner, out var account))
        {
            LogRefundWithoutCredit(logger, paymentId);
            return WebhookOutcome.Recorded;
        }

        var reversed = await booking.ReverseAsync(LedgerAccount.Icpay, account, wallet.AmountNanoUsd, "icpay-refund:" + paymentId, "ICPay refund " + paymentId, cancellationToken);
        if (reversed.IsFailed)
        {
            LogRefundRefused(logger, paymentId, reversed.Errors[0].Message);
        }

        return reversed;
    }

    private Result<WebhookOutcome> Failed(string paymentId)
    {
        LogFailed(logger, paymentId);
        return WebhookOutcome.Recorded;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ICPay payment {PaymentId} completed but names no account (data.metadata.accountId) or no positive amountUsd; nothing credited, settle it by hand")]
    private static partial void LogUncreditable(ILogger logger, string paymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ICPay payment {PaymentId} was refunded but was never credited; nothing reversed")]
    private static partial void LogRefundWithoutCredit(ILogger logger, string paymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ICPay refund of payment {PaymentId} refused: {Reason}; the wallet is left as it is, settle it by hand")]
    private static partial void LogRefundRefused(ILogger logger, string paymentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "ICPay payment {PaymentId} failed; nothing credited")]
    private static partial void LogFailed(ILogger logger, string paymentId);
}
