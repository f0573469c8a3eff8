using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Notifications;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// Sets the address of a channel and whether it is on (<c>PUT /api/v1/account/notification-settings/{channel}</c>). A new
/// or unverified address gets a verification code at once, sent there through the same delivery and quota gate as every
/// notification; nothing else is sent there until <see cref="VerifyNotificationAddress"/> confirms it.
/// </summary>
public sealed record SetNotificationAddress(AccountPrincipal Signer, string? Channel, string? Address, bool Enabled) : ICommand<Result<NotificationSettingsView>>, IRetryOnConflict;

/// <summary>Handles <see cref="SetNotificationAddress"/>.</summary>
internal sealed class SetNotificationAddressHandler(
    INotificationSettingsStore settings,
    AddressVerificationSender verification,
    IUnitOfWork unitOfWork,
    TimeProvider time) : ICommandHandler<SetNotificationAddress, Result<NotificationSettingsView>>
{
    public async ValueTask<Result<NotificationSettingsView>> Handle(SetNotificationAddress command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var own = await OwnNotificationSettings.FindAsync(settings, command.Signer, command.Channel, cancellationToken);
        if (own.IsFailed)
        {
            return own.ToResult<NotificationSettingsView>();
        }

        var (account, channel, current) = own.Value;

        var now = time.GetUtcNow();
        var target = current ?? NotificationSettings.For(account, now);
        var set = target.SetAddress(channel, command.Address, command.Enabled, now);
        if (set.IsFailed)
        {
            return set.ToResult<NotificationSettingsView>();
        }

        if (current is null)
        {
            settings.Add(target);
        }

        if (target.Find(channel) is { VerifiedAt: null, CodeHash: null })
        {
            var sent = await verification.SendAsync(target, channel, now, cancellationToken);
            if (sent.IsFailed)
            {
                return sent.ToResult<NotificationSettingsView>();
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return NotificationSettingsView.Of(account, target);
    }
}

/// <summary>Draws a verification code for a channel's address and queues it as a notification to that address only.</summary>
internal sealed class AddressVerificationSender(Notifier notifier, INotificationStore notifications, IOptions<NotificationOptions> options)
{
    public async Task<Result> SendAsync(NotificationSettings settings, NotificationChannel channel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var address = settings.Find(channel);
        if (address is null)
        {
            return Result.Fail(Domain.Common.DomainErrors.NotFound("address_not_set", $"No {channel.Name()} address is set."));
        }

        var o = options.Value;
        if (await notifications.CountVerificationsAsync(channel, address.Address, now - TimeSpan.FromDays(1), cancellationToken) >= o.MaxCodesPerAddressPerDay)
        {
            return Result.Fail(Domain.Common.DomainErrors.LimitExceeded(
                "address_code_limit", $"That address was sent {o.MaxCodesPerAddressPerDay} codes in the last 24 hours; try again later."));
        }

        var code = VerificationCodes.New();
        var started = settings.StartVerification(channel, VerificationCodes.Hash(settings.AccountId, channel, address.Address, code), now + o.VerificationCodeLifetime, o.VerificationResendInterval, now);
        if (started.IsFailed)
        {
            return started.ToResult();
        }

        var minutes = (int)Math.Ceiling(o.VerificationCodeLifetime.TotalMinutes);
        await notifier.QueueAsync(
            settings.AccountId,
            NotificationKind.AddressVerification,
            [(channel, address.Address)],
            $"verify:{settings.AccountId:N}:{now.UtcTicks}",
            "Your DecentCloud verification code",
            $"Your DecentCloud verification code is {code}. It works for {minutes} minutes. If you did not ask for it, ignore this message.",
            cancellationToken);
        return Result.Ok();
    }
}
