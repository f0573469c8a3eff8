using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications;

/// <summary>An account's notification settings as its owner sees them (no codes, no hashes).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Channels">Email, Telegram and SMS, each with its address if set.</param>
public sealed record NotificationSettingsView(Guid AccountId, IReadOnlyList<ChannelSettingsView> Channels)
{
    internal static NotificationSettingsView Of(Guid accountId, NotificationSettings? settings) =>
        new(accountId, [.. NotificationChannels.All.Where(c => c != NotificationChannel.InApp).Select(c => ChannelSettingsView.Of(c, settings?.Find(c)))]);
}

/// <summary>One channel of <see cref="NotificationSettingsView"/>.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Address">Its address, or <c>null</c> when none is set.</param>
/// <param name="Enabled">Whether notifications go there once verified.</param>
/// <param name="Verified">Whether the address is proven.</param>
/// <param name="VerificationPending">Whether a code was sent and still works.</param>
public sealed record ChannelSettingsView(NotificationChannel Channel, string? Address, bool Enabled, bool Verified, bool VerificationPending)
{
    internal static ChannelSettingsView Of(NotificationChannel channel, ChannelAddress? address) =>
        new(channel, address?.Address, address?.Enabled ?? false, address?.VerifiedAt is not null, address?.CodeHash is not null);
}
