using System.Text.Json;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// Writes a notice as one <see cref="Notification"/> per recipient channel, each with its delivery in the outbox, in the
/// caller's transaction; a notification whose idempotency key (event key and channel) exists already is not written again.
/// </summary>
internal sealed class Notifier(INotificationSettingsStore settings, INotificationStore notifications, IOutbox outbox, TimeProvider time) : INotifier
{
    /// <inheritdoc />
    public async Task NotifyAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var recipients = (await settings.FindAsync(notice.AccountId, cancellationToken))?.Recipients() ?? [(NotificationChannel.InApp, null)];
        await QueueAsync(notice.AccountId, notice.Kind, recipients, notice.EventKey, notice.Subject, notice.Text, cancellationToken);
    }

    /// <summary>Queues one notification per recipient; returns the ones written (those whose key was new).</summary>
    internal async Task<IReadOnlyList<Notification>> QueueAsync(
        Guid accountId,
        NotificationKind kind,
        IReadOnlyList<(NotificationChannel Channel, string? Address)> recipients,
        string eventKey,
        string subject,
        string text,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventKey);
        var keyed = recipients.Select(r => (r.Channel, r.Address, Key: $"{eventKey}:{r.Channel.Name()}")).ToList();
        var existing = await notifications.ExistingKeysAsync([.. keyed.Select(k => k.Key)], cancellationToken);
        var now = time.GetUtcNow();
        var written = new List<Notification>();
        foreach (var (channel, address, key) in keyed.Where(k => !existing.Contains(k.Key)))
        {
            var notification = Notification.Create(
                Guid.NewGuid(), accountId, channel, kind, address, Cut(subject, Notification.MaxSubjectLength), Cut(text, Notification.MaxTextLength), key, now);
            if (notification.IsFailed)
            {
                throw new InvalidOperationException($"a {kind} notification could not be written: {notification.Errors[0].Message}");
            }

            notifications.Add(notification.Value);
            outbox.Enqueue(DeliverNotificationOutboxHandler.Type, DeliveryPayload.ToJson(notification.Value.Id), $"{DeliverNotificationOutboxHandler.Type}:{notification.Value.Id:N}");
            written.Add(notification.Value);
        }

        return written;
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..(max - 1)] + "…" : value;
}

/// <summary>The outbox payload of a delivery: the notification's id only (its body stays in the notifications table).</summary>
internal sealed record DeliveryPayload(Guid NotificationId)
{
    public static string ToJson(Guid id) => JsonSerializer.Serialize(new DeliveryPayload(id));

    public static Guid FromJson(string payload) =>
        JsonSerializer.Deserialize<DeliveryPayload>(payload)?.NotificationId is { } id && id != Guid.Empty
            ? id
            : throw new InvalidOperationException("a notification delivery without a notification id");
}
