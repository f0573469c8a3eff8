using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Notifications;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Notifications;

/// <summary>Removes a channel's address: nothing more is queued for it (<c>DELETE …/notification-settings/{channel}</c>).</summary>
public sealed record RemoveNotificationAddress(AccountPrincipal Signer, string? Channel) : ICommand<Result<NotificationSettingsView>>, IRetryOnConflict;

/// <summary>Handles <see cref="RemoveNotificationAddress"/>.</summary>
internal sealed class RemoveNotificationAddressHandler(INotificationSettingsStore settings, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<RemoveNotificationAddress, Result<NotificationSettingsView>>
{
    public async ValueTask<Result<NotificationSettingsView>> Handle(RemoveNotificationAddress command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var own = await OwnNotificationSettings.FindAsync(settings, command.Signer, command.Channel, cancellationToken);
        if (own.IsFailed)
        {
            return own.ToResult<NotificationSettingsView>();
        }

        var (account, channel, current) = own.Value;

        if (current is null)
        {
            return Result.Fail<NotificationSettingsView>(own.Value.AddressNotSet());
        }

        var removed = current.RemoveAddress(channel, time.GetUtcNow());
        if (removed.IsFailed)
        {
            return removed.ToResult<NotificationSettingsView>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return NotificationSettingsView.Of(account, current);
    }
}
