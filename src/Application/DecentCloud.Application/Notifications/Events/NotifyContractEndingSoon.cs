using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>
/// The user hears before its machine's rented time runs out, so it can save its data or rent again. The check raises the
/// event on every run while the end is near; the key (contract and end) makes the notifier keep only the first.
/// </summary>
internal sealed class NotifyContractEndingSoon(INotifier notifier) : IDomainEventHandler<ContractEndingSoon>
{
    /// <inheritdoc />
    public async Task HandleAsync(ContractEndingSoon domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var id = NotificationTexts.Short(domainEvent.ContractId);
        await notifier.NotifyAsync(
            new Notice(
                domainEvent.RequesterAccountId,
                NotificationKind.ContractEndingSoon,
                EventKey(domainEvent.ContractId, domainEvent.EndsAt),
                $"Contract {id} ends soon",
                $"The rented time of contract {id} ends at {NotificationTexts.Utc(domainEvent.EndsAt)}; its machine is then terminated. "
                + "Save what you need, or rent again to keep a machine."),
            cancellationToken);
    }

    /// <summary>The notification's key: one per contract and end time.</summary>
    public static string EventKey(ContractId id, DateTimeOffset endsAt) => $"contract_ending_soon:{id.Hex}:{endsAt.UtcTicks}";
}
