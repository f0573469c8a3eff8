using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>
/// The user hears how the password reset it asked for ended. The new password never appears here (it is sealed to the
/// user's keys in the contract), nor the agent's failure text (which the contract's details show to the user alone).
/// </summary>
internal sealed class NotifyPasswordResetDone(INotifier notifier) : IDomainEventHandler<PasswordResetDone>
{
    /// <inheritdoc />
    public async Task HandleAsync(PasswordResetDone domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var id = NotificationTexts.Short(domainEvent.ContractId);
        var (subject, text) = domainEvent.Succeeded
            ? ($"Password reset done for {id}", $"The password reset you asked for on contract {id} is done. The new login is in the contract's details.")
            : ($"Password reset failed for {id}", $"The password reset you asked for on contract {id} failed. The contract's details say why; you can ask again.");
        await notifier.NotifyAsync(
            new Notice(
                domainEvent.RequesterAccountId,
                NotificationKind.PasswordResetDone,
                $"password_reset_done:{domainEvent.ContractId.Hex}:{domainEvent.RequestedAt.UtcTicks}",
                subject,
                text),
            cancellationToken);
    }
}
