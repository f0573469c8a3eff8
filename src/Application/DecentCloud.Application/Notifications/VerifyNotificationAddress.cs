using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Notifications;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// Confirms a channel's address with the code sent there (<c>POST …/notification-settings/{channel}/verify</c>). A wrong
/// code counts against the code's attempts (and that count is saved); after too many, a new code must be asked for.
/// </summary>
public sealed record VerifyNotificationAddress(AccountPrincipal Signer, string? Channel, string? Code) : ICommand<Result<NotificationSettingsView>>, IRetryOnConflict;

/// <summary>Handles <see cref="VerifyNotificationAddress"/>.</summary>
internal sealed class VerifyNotificationAddressHandler(INotificationSettingsStore settings, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<VerifyNotificationAddress, Result<NotificationSettingsView>>
{
    public async ValueTask<Result<NotificationSettingsView>> Handle(VerifyNotificationAddress command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var own = await OwnNotificationSettings.FindAsync(settings, command.Signer, command.Channel, cancellationToken);
        if (own.IsFailed)
        {
            return own.ToResult<NotificationSettingsView>();
        }

        var (account, channel, current) = own.Value;

        if (current?.Find(channel) is not { } address)
        {
            return Result.Fail<NotificationSettingsView>(own.Value.AddressNotSet());
        }

        var verified = current.Verify(channel, VerificationCodes.Hash(account, channel, address.Address, command.Code), time.GetUtcNow());

        // Saved either way: a wrong code's attempt must count, or the attempt limit would be no limit.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return verified.IsFailed ? verified.ToResult<NotificationSettingsView>() : NotificationSettingsView.Of(account, current);
    }
}
