using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
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
        if (command.Signer.AccountId is not { } account)
        {
            return Result.Fail<NotificationSettingsView>(AccountErrors.NoAccount());
        }

        var channel = NotificationChannels.Parse(command.Channel);
        if (channel.IsFailed)
        {
            return channel.ToResult<NotificationSettingsView>();
        }

        var current = await settings.FindAsync(account, cancellationToken);
        if (current is null)
        {
            return Result.Fail<NotificationSettingsView>(DomainErrors.NotFound("address_not_set", $"No {channel.Value.Name()} address is set."));
        }

        var removed = current.RemoveAddress(channel.Value, time.GetUtcNow());
        if (removed.IsFailed)
        {
            return removed.ToResult<NotificationSettingsView>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return NotificationSettingsView.Of(account, current);
    }
}
