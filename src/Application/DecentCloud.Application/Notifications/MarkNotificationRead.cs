using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Notifications;

/// <summary>Marks one of the signer's in-app notifications read (<c>POST /api/v1/notifications/{id}/read</c>); another account's reads as missing.</summary>
public sealed record MarkNotificationRead(AccountPrincipal Signer, Guid NotificationId) : ICommand<Result<int>>, IRetryOnConflict;

/// <summary>Handles <see cref="MarkNotificationRead"/>; returns the unread count left.</summary>
internal sealed class MarkNotificationReadHandler(INotificationStore notifications, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<MarkNotificationRead, Result<int>>
{
    public async ValueTask<Result<int>> Handle(MarkNotificationRead command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Signer.AccountId is not { } account)
        {
            return Result.Fail<int>(AccountErrors.NoAccount());
        }

        var notification = await notifications.FindAsync(command.NotificationId, cancellationToken);
        if (notification is null || notification.AccountId != account)
        {
            return Result.Fail<int>(DomainErrors.NotFound("notification_not_found", $"No notification {command.NotificationId} in the inbox."));
        }

        var read = notification.MarkRead(time.GetUtcNow());
        if (read.IsFailed)
        {
            return read.ToResult<int>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await notifications.UnreadCountAsync(account, cancellationToken);
    }
}
