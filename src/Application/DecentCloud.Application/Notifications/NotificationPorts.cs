using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications;

/// <summary>The notifications, by id, by idempotency key and as an account's inbox.</summary>
public interface INotificationStore
{
    /// <summary>Adds a notification to the pending changes.</summary>
    void Add(Notification notification);

    /// <summary>The notification, tracked.</summary>
    Task<Notification?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="idempotencyKeys"/> already name a notification (saved or pending in this unit of work).</summary>
    Task<IReadOnlySet<string>> ExistingKeysAsync(IReadOnlyCollection<string> idempotencyKeys, CancellationToken cancellationToken);

    /// <summary>The account's delivered in-app notifications, newest first.</summary>
    Task<IReadOnlyList<Notification>> InboxAsync(Guid accountId, bool unreadOnly, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>How many of the account's in-app notifications are unread.</summary>
    Task<int> UnreadCountAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>Verification codes written for <paramref name="address"/> on <paramref name="channel"/> since <paramref name="since"/>, by any account.</summary>
    Task<int> CountVerificationsAsync(NotificationChannel channel, string address, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Each account's <see cref="NotificationSettings"/>.</summary>
public interface INotificationSettingsStore
{
    /// <summary>Adds new settings to the pending changes.</summary>
    void Add(NotificationSettings settings);

    /// <summary>The account's settings, tracked; <c>null</c> when it never set any.</summary>
    Task<NotificationSettings?> FindAsync(Guid accountId, CancellationToken cancellationToken);
}

/// <summary>The paid packs.</summary>
public interface INotificationPackStore
{
    /// <summary>Adds a bought pack to the pending changes.</summary>
    void Add(NotificationPack pack);

    /// <summary>The pack paid for by the wallet debit with idempotency key <paramref name="purchaseKey"/>.</summary>
    Task<NotificationPack?> FindByPurchaseKeyAsync(string purchaseKey, CancellationToken cancellationToken);

    /// <summary>The account's packs still valid at <paramref name="now"/> (used up or not), soonest to lapse first.</summary>
    Task<IReadOnlyList<NotificationPack>> ValidAsync(Guid accountId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// The one quota gate every send passes: in one atomic step in the database, it takes one message from the account's
/// free allowance for the UTC day of the given time, else from its valid paid pack of the channel that lapses
/// first, else refuses. Runs inside the caller's transaction, so the charge commits or rolls back with the
/// notification's own change; concurrent callers on any number of instances never take more than the allowance.
/// </summary>
public interface INotificationQuotaGate
{
    /// <summary>Takes one message of <paramref name="channel"/>; <paramref name="freeDailyLimit"/> <c>null</c> is unlimited.</summary>
    Task<QuotaDecision> TryConsumeAsync(Guid accountId, NotificationChannel channel, int? freeDailyLimit, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back the message a notification that failed for good was charged: to its pack, or to the free allowance of
    /// the UTC day it was charged on. In the caller's transaction, with the notification's own change.
    /// </summary>
    Task RefundAsync(Notification notification, CancellationToken cancellationToken);

    /// <summary>Messages of each channel the account used from its free allowance on <paramref name="day"/>.</summary>
    Task<IReadOnlyDictionary<NotificationChannel, int>> FreeUsedAsync(Guid accountId, DateOnly day, CancellationToken cancellationToken);
}
