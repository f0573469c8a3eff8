using System.Collections.Concurrent;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Notifications.Bench;

/// <summary>
/// An in-process Telegram channel that accepts every message at once and records its idempotency key: the channel is
/// never the limit, and the bench can check that exactly the allowed messages reached it, each once.
/// </summary>
internal sealed class RecordingTelegram : INotificationChannel
{
    public ConcurrentBag<string> Sent { get; } = [];

    public NotificationChannel Channel => NotificationChannel.Telegram;

    public Task<ChannelOutcome> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Sent.Add(message.IdempotencyKey);
        return Task.FromResult(ChannelOutcome.Delivered());
    }
}
