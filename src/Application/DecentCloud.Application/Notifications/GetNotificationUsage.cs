using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Notifications;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// Per channel, what the signer used of its free allowance today (UTC) and of its valid paid packs, against their limits
/// (<c>GET /api/v1/account/notification-usage</c>), with its packs and the packs on sale.
/// </summary>
public sealed record GetNotificationUsage(AccountPrincipal Signer) : IQuery<Result<NotificationUsageView>>;

/// <summary>An account's notification usage.</summary>
/// <param name="Day">The UTC day of the free figures.</param>
/// <param name="Channels">One entry per channel.</param>
/// <param name="Packs">The account's packs still valid.</param>
/// <param name="OnSale">The packs that can be bought.</param>
public sealed record NotificationUsageView(DateOnly Day, IReadOnlyList<ChannelUsage> Channels, IReadOnlyList<NotificationPackView> Packs, IReadOnlyList<NotificationPackOffer> OnSale);

/// <summary>One channel's usage.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="FreeUsed">Free messages used today.</param>
/// <param name="FreeLimit">The free daily allowance; <c>null</c> is unlimited.</param>
/// <param name="PaidUsed">Messages used of the valid packs.</param>
/// <param name="PaidLimit">Messages the valid packs hold.</param>
public sealed record ChannelUsage(NotificationChannel Channel, int FreeUsed, int? FreeLimit, long PaidUsed, long PaidLimit);

/// <summary>Handles <see cref="GetNotificationUsage"/>.</summary>
internal sealed class GetNotificationUsageHandler(INotificationQuotaGate gate, INotificationPackStore packs, IOptions<NotificationOptions> options, TimeProvider time)
    : IQueryHandler<GetNotificationUsage, Result<NotificationUsageView>>
{
    public async ValueTask<Result<NotificationUsageView>> Handle(GetNotificationUsage query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Signer.AccountId is not { } account)
        {
            return Result.Fail<NotificationUsageView>(AccountErrors.NoAccount());
        }

        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var free = await gate.FreeUsedAsync(account, day, cancellationToken);
        var valid = await packs.ValidAsync(account, now, cancellationToken);
        var channels = NotificationChannels.All.Select(c =>
        {
            var ofChannel = valid.Where(p => p.Channel == c).ToList();
            return new ChannelUsage(c, free.GetValueOrDefault(c), options.Value.FreeDailyLimit(c), ofChannel.Sum(p => (long)p.Used), ofChannel.Sum(p => (long)p.Messages));
        });
        return new NotificationUsageView(day, [.. channels], [.. valid.Select(NotificationPackView.Of)], options.Value.EffectivePacks);
    }
}
