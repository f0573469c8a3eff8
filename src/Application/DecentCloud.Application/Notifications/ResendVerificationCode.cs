using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Notifications;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Notifications;

/// <summary>Sends a new verification code to a channel's unverified address (<c>POST …/notification-settings/{channel}/code</c>).</summary>
public sealed record ResendVerificationCode(AccountPrincipal Signer, string? Channel) : ICommand<Result<NotificationSettingsView>>, IRetryOnConflict;

/// <summary>Handles <see cref="ResendVerificationCode"/>.</summary>
internal sealed class ResendVerificationCodeHandler(
    INotificationSettingsStore settings,
    AddressVerificationSender verification,
    IUnitOfWork unitOfWork,
    TimeProvider time) : ICommandHandler<ResendVerificationCode, Result<NotificationSettingsView>>
{
    public async ValueTask<Result<NotificationSettingsView>> Handle(ResendVerificationCode command, CancellationToken cancellationToken)
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

        var sent = await verification.SendAsync(current, channel, time.GetUtcNow(), cancellationToken);
        if (sent.IsFailed)
        {
            return sent.ToResult<NotificationSettingsView>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return NotificationSettingsView.Of(account, current);
    }
}
