using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>
/// A provider hears of every new request for one of its offerings (a wallet rental or a legacy request, paid or free),
/// because an unanswered request expires and counts against its trust score. A legacy provider without an account is skipped.
/// </summary>
internal sealed class NotifyRentalRequested(INotifier notifier) : IDomainEventHandler<ContractRequested>
{
    /// <inheritdoc />
    public async Task HandleAsync(ContractRequested domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (NotificationTexts.AccountOf(domainEvent.ProviderId) is not { } provider)
        {
            return;
        }

        var contract = NotificationTexts.Short(domainEvent.ContractId);
        var offering = NotificationTexts.Identifier(domainEvent.OfferingId) is { } id ? $" of offering {id}" : string.Empty;
        await notifier.NotifyAsync(
            new Notice(
                provider,
                NotificationKind.RentalRequested,
                $"rental_requested:{domainEvent.ContractId.Hex}",
                $"New rental request {contract}",
                $"A user requested a rental{offering} (contract {contract}) at {NotificationTexts.Utc(domainEvent.OccurredAt)}. "
                + "Accept or reject it before the request times out."),
            cancellationToken);
    }
}
