using System.Globalization;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Money.Payouts;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>
/// A provider hears when a payout reached the ledger, with what it can check there: amount, token and block. A legacy
/// provider without an account is skipped.
/// </summary>
internal sealed class NotifyPayoutSent(INotifier notifier) : IDomainEventHandler<PayoutSent>
{
    /// <inheritdoc />
    public async Task HandleAsync(PayoutSent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (NotificationTexts.AccountOf(domainEvent.ProviderId) is not { } provider)
        {
            return;
        }

        var amount = NotificationTexts.Tokens(domainEvent.AmountBaseUnits, domainEvent.Decimals, domainEvent.Token);
        await notifier.NotifyAsync(
            new Notice(
                provider,
                NotificationKind.PayoutSent,
                $"payout_sent:{domainEvent.PayoutId:N}",
                $"Payout sent: {amount}",
                string.Create(CultureInfo.InvariantCulture,
                    $"A payout of {amount} ({NotificationTexts.Usd(domainEvent.AmountNanoUsd)}) was sent to your payout account; "
                    + $"it is in block {domainEvent.BlockIndex} of the {domainEvent.Token} ledger (payout {domainEvent.PayoutId:D}).")),
            cancellationToken);
    }
}
