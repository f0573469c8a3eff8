using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// The quota gate as conditional updates: the free day's counter moves only while below the allowance, a pack's only
/// while below its size, so the database decides each message and concurrent senders on any number of instances cannot
/// overshoot (the CHECK constraints refuse it as well). Runs in the caller's transaction.
/// </summary>
internal sealed class NotificationQuotaGate(DecentCloudDbContext db) : INotificationQuotaGate
{
    // A pack found with room may fill up before our update reaches it; the next one is tried, a few times at most.
    private const int PackAttempts = 8;

    public async Task<QuotaDecision> TryConsumeAsync(Guid accountId, NotificationChannel channel, int? freeDailyLimit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = channel.Name();
        var day = DateOnly.FromDateTime(now.UtcDateTime).DayNumber;
        var limit = freeDailyLimit ?? int.MaxValue;
        if (limit > 0)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO notification_usage ("AccountId", "Channel", "Day", "Used", "DailyLimit")
                VALUES ({accountId}, {name}, {day}, {0}, {limit})
                ON CONFLICT ("AccountId", "Channel", "Day") DO NOTHING
                """,
                cancellationToken);
            var free = await db.NotificationUsage
                .Where(u => u.AccountId == accountId && u.Channel == name && u.Day == day && u.Used < limit)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Used, u => u.Used + 1).SetProperty(u => u.DailyLimit, limit), cancellationToken);
            if (free == 1)
            {
                return QuotaDecision.Free;
            }
        }

        for (var attempt = 0; attempt < PackAttempts; attempt++)
        {
            var candidate = await db.NotificationPacks
                .Where(p => p.AccountId == accountId && p.Channel == channel && p.PurchasedAt <= now && p.ValidUntil > now && p.Used < p.Messages)
                .OrderBy(p => p.ValidUntil).ThenBy(p => p.Id)
                .Select(p => (Guid?)p.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is not { } packId)
            {
                break;
            }

            var paid = await db.NotificationPacks
                .Where(p => p.Id == packId && p.Used < p.Messages)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(p => p.Used, p => p.Used + 1)
                    .SetProperty(p => EF.Property<long>(p, Versioning.Property), p => EF.Property<long>(p, Versioning.Property) + 1),
                    cancellationToken);
            if (paid == 1)
            {
                return QuotaDecision.Paid(packId);
            }
        }

        return QuotaDecision.Refused(limit > 0
            ? $"quota exhausted: the free daily allowance of {limit} {name} messages is used up and no paid {name} pack has messages left"
            : $"quota exhausted: there is no free {name} allowance and no paid {name} pack has messages left");
    }

    public async Task RefundAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.ChargedTo == QuotaSource.Paid && notification.PackId is { } packId)
        {
            await db.NotificationPacks.Where(p => p.Id == packId && p.Used > 0).ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Used, p => p.Used - 1)
                .SetProperty(p => EF.Property<long>(p, Versioning.Property), p => EF.Property<long>(p, Versioning.Property) + 1),
                cancellationToken);
        }
        else if (notification.ChargedTo == QuotaSource.Free && notification.ChargedAt is { } chargedAt)
        {
            var name = notification.Channel.Name();
            var day = DateOnly.FromDateTime(chargedAt.UtcDateTime).DayNumber;
            await db.NotificationUsage.Where(u => u.AccountId == notification.AccountId && u.Channel == name && u.Day == day && u.Used > 0)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Used, u => u.Used - 1), cancellationToken);
        }
    }

    public async Task<IReadOnlyDictionary<NotificationChannel, int>> FreeUsedAsync(Guid accountId, DateOnly day, CancellationToken cancellationToken)
    {
        var dayNumber = day.DayNumber;
        var rows = await db.NotificationUsage.Where(u => u.AccountId == accountId && u.Day == dayNumber)
            .Select(u => new { u.Channel, u.Used }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => NotificationChannels.Parse(r.Channel).Value, r => r.Used);
    }
}
