using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Notifications;
using FluentResults;

namespace DecentCloud.Application.Notifications;

/// <summary>What a settings use case acts on: the signer's account, the channel it named, and the account's settings.</summary>
/// <param name="AccountId">The signer's account.</param>
/// <param name="Channel">The channel named in the route.</param>
/// <param name="Settings">The account's settings, tracked; <c>null</c> when it never set any.</param>
internal sealed record OwnNotificationSettings(Guid AccountId, NotificationChannel Channel, NotificationSettings? Settings)
{
    /// <summary>The signer must have an account and name a known channel; every settings use case starts here.</summary>
    public static async Task<Result<OwnNotificationSettings>> FindAsync(
        INotificationSettingsStore store, AccountPrincipal signer, string? channel, CancellationToken cancellationToken)
    {
        if (signer.AccountId is not { } account)
        {
            return Result.Fail<OwnNotificationSettings>(AccountErrors.NoAccount());
        }

        var parsed = NotificationChannels.Parse(channel);
        return parsed.IsFailed
            ? parsed.ToResult<OwnNotificationSettings>()
            : new OwnNotificationSettings(account, parsed.Value, await store.FindAsync(account, cancellationToken));
    }

    /// <summary>The answer when the channel has no address to act on.</summary>
    public DomainError AddressNotSet() => DomainErrors.NotFound("address_not_set", $"No {Channel.Name()} address is set.");
}
