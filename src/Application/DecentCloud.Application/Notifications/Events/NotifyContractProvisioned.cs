using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>
/// The user hears when its machine is provisioned: from then on it is billed and reachable. The credentials stay where
/// they are (sealed to the user's keys in the contract); the message only says where to look.
/// </summary>
internal sealed class NotifyContractProvisioned(IContractStore contracts, INotifier notifier) : IDomainEventHandler<ContractStateChanged>
{
    /// <inheritdoc />
    public async Task HandleAsync(ContractStateChanged domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.To != ContractState.Provisioned)
        {
            return;
        }

        // The contract that moved is tracked by this scope, so this finds it without a query.
        if (await contracts.FindAsync(domainEvent.ContractId, cancellationToken) is not { } contract)
        {
            return;
        }

        var id = NotificationTexts.Short(contract.Id);
        var until = contract.EndsAt is { } end ? $" It runs until {NotificationTexts.Utc(end)}." : string.Empty;
        await notifier.NotifyAsync(
            new Notice(
                contract.Terms.RequesterAccountId,
                NotificationKind.ContractProvisioned,
                $"contract_provisioned:{contract.Id.Hex}",
                $"Your machine {id} is ready",
                $"Contract {id} was provisioned at {NotificationTexts.Utc(domainEvent.OccurredAt)}.{until} "
                + "Its address and login are in the contract's details."),
            cancellationToken);
    }
}
