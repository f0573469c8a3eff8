using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class NotificationStore(DecentCloudDbContext db) : INotificationStore
{
    public void Add(Notification notification) => db.Notifications.Add(notification);

    public Task<Notification?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Notifications.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);

    public async Task<IReadOnlySet<string>> ExistingKeysAsync(IReadOnlyCollection<string> idempotencyKeys, CancellationToken cancellationToken)
    {
        var keys = idempotencyKeys.ToList();
        var saved = await db.Notifications.Where(n => keys.Contains(n.IdempotencyKey)).Select(n => n.IdempotencyKey).ToListAsync(cancellationToken);

        // Written by an earlier handler of the same save and not yet in the table.
        var pending = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.IdempotencyKey);
        return new HashSet<string>(saved.Concat(pending).Where(keys.Contains), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Notification>> InboxAsync(Guid accountId, bool unreadOnly, int offset, int limit, CancellationToken cancellationToken) =>
        await Inbox(accountId, unreadOnly).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(offset).Take(limit).AsNoTracking().ToListAsync(cancellationToken);

    public Task<int> UnreadCountAsync(Guid accountId, CancellationToken cancellationToken) =>
        Inbox(accountId, unreadOnly: true).CountAsync(cancellationToken);

    public Task<int> CountVerificationsAsync(NotificationChannel channel, string address, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(
            n => n.Address == address && n.Kind == NotificationKind.AddressVerification && n.Channel == channel && n.CreatedAt >= since, cancellationToken);

    private IQueryable<Notification> Inbox(Guid accountId, bool unreadOnly)
    {
        var inbox = db.Notifications.Where(n => n.AccountId == accountId && n.Channel == NotificationChannel.InApp && n.Status == NotificationStatus.Delivered);
        return unreadOnly ? inbox.Where(n => n.ReadAt == null) : inbox;
    }
}

internal sealed class NotificationSettingsStore(DecentCloudDbContext db) : INotificationSettingsStore
{
    public void Add(NotificationSettings settings) => db.NotificationSettings.Add(settings);

    public Task<NotificationSettings?> FindAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.NotificationSettings.FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
}

internal sealed class NotificationPackStore(DecentCloudDbContext db) : INotificationPackStore
{
    public void Add(NotificationPack pack) => db.NotificationPacks.Add(pack);

    public Task<NotificationPack?> FindByPurchaseKeyAsync(string purchaseKey, CancellationToken cancellationToken) =>
        db.NotificationPacks.FirstOrDefaultAsync(p => p.PurchaseKey == purchaseKey, cancellationToken);

    public async Task<IReadOnlyList<NotificationPack>> ValidAsync(Guid accountId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.NotificationPacks.Where(p => p.AccountId == accountId && p.ValidUntil > now)
            .OrderBy(p => p.ValidUntil).ThenBy(p => p.Id).AsNoTracking().ToListAsync(cancellationToken);
}
