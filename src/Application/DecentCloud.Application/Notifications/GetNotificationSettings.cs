using DecentCloud.Application.Accounts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Notifications;

/// <summary>The signer's notification settings (<c>GET /api/v1/account/notification-settings</c>).</summary>
public sealed record GetNotificationSettings(AccountPrincipal Signer) : IQuery<Result<NotificationSettingsView>>;

/// <summary>Handles <see cref="GetNotificationSettings"/>.</summary>
internal sealed class GetNotificationSettingsHandler(INotificationSettingsStore settings) : IQueryHandler<GetNotificationSettings, Result<NotificationSettingsView>>
{
    public async ValueTask<Result<NotificationSettingsView>> Handle(GetNotificationSettings query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Signer.AccountId is not { } account)
        {
            return Result.Fail<NotificationSettingsView>(AccountErrors.NoAccount());
        }

        return NotificationSettingsView.Of(account, await settings.FindAsync(account, cancellationToken));
    }
}
