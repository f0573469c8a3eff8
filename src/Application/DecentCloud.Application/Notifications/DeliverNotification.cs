using System.Net;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Notifications;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// Delivers one notification: the quota gate decides first (free allowance, else a paid pack, else refused with the
/// reason), committed together with the notification's charge so a retry never charges twice; then its channel sends it
/// outside any transaction. A transient failure leaves it pending for the outbox to retry with backoff, up to
/// <see cref="NotificationOptions.MaxAttempts"/>; a permanent one, the last attempt, or a channel this server has not set
/// up fails it for good and gives its charge back. Settled notifications are left alone, so running this again for the
/// same notification sends nothing twice (short of a crash between the channel's answer and the save, when the channel
/// is asked again with the same idempotency key; the outbox never hands one notification to two senders at once).
/// </summary>
public sealed record DeliverNotification(Guid NotificationId) : ICommand<DeliveryOutcome>, IRetryOnConflict;

/// <summary>Where a notification stands after <see cref="DeliverNotification"/>.</summary>
/// <param name="Status">Delivered, refused, failed, or still pending (to be retried).</param>
/// <param name="Reason">Why it is not delivered.</param>
/// <param name="RetryAfter">When pending: the wait the channel asked for, if any.</param>
public sealed record DeliveryOutcome(NotificationStatus Status, string? Reason, TimeSpan? RetryAfter);

/// <summary>Handles <see cref="DeliverNotification"/>; the only caller of the channels, after the only quota gate.</summary>
internal sealed partial class DeliverNotificationHandler(
    INotificationStore notifications,
    INotificationQuotaGate gate,
    IEnumerable<INotificationChannel> channels,
    IUnitOfWork unitOfWork,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<DeliverNotificationHandler> logger) : ICommandHandler<DeliverNotification, DeliveryOutcome>
{
    /// <inheritdoc />
    public async ValueTask<DeliveryOutcome> Handle(DeliverNotification command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var notification = await notifications.FindAsync(command.NotificationId, cancellationToken)
            ?? throw new InvalidOperationException($"no notification {command.NotificationId}");
        if (notification.Status != NotificationStatus.Pending)
        {
            return Settled(notification);
        }

        var channel = channels.FirstOrDefault(c => c.Channel == notification.Channel);
        if (notification.Channel != NotificationChannel.InApp && channel is null)
        {
            // A channel the server cannot use costs the account nothing (given back if it was charged before the channel went).
            await FailAsync(notification, $"the {notification.Channel.Name()} channel is not configured on this server", cancellationToken);
            return Settled(notification);
        }

        if (notification.NeedsCharge)
        {
            await unitOfWork.InTransactionAsync(async () =>
            {
                var now = time.GetUtcNow();
                var decision = await gate.TryConsumeAsync(notification.AccountId, notification.Channel, options.Value.FreeDailyLimit(notification.Channel), now, cancellationToken);
                notification.Charge(decision, now);

                // The notification's version guards the charge: a second deliverer of the same notification fails here and
                // its transaction, quota increment included, rolls back.
                await unitOfWork.SaveChangesAsync(cancellationToken);
                return decision;
            }, cancellationToken);
            if (notification.Status == NotificationStatus.Refused)
            {
                LogRefused(logger, notification.Id, notification.Channel.Name(), notification.Reason);
            }

            if (notification.Status != NotificationStatus.Pending)
            {
                return Settled(notification);
            }
        }

        var outcome = await SendAsync(channel!, notification, cancellationToken);
        switch (outcome.Kind)
        {
            case ChannelOutcomeKind.Delivered:
                notification.Deliver(time.GetUtcNow());
                await unitOfWork.SaveChangesAsync(cancellationToken);
                break;
            case ChannelOutcomeKind.Permanent:
                await FailAsync(notification, outcome.Detail ?? "refused by the channel", cancellationToken);
                break;
            default:
                notification.NoteFailedAttempt(outcome.Detail ?? "not sent");
                if (notification.Attempts >= options.Value.MaxAttempts)
                {
                    await FailAsync(notification, $"gave up after {notification.Attempts} attempts: {notification.Reason}", cancellationToken);
                }
                else
                {
                    await unitOfWork.SaveChangesAsync(cancellationToken);
                }

                break;
        }

        return new DeliveryOutcome(notification.Status, notification.Reason, notification.Status == NotificationStatus.Pending ? outcome.RetryAfter : null);
    }

    /// <summary>Fails the notification for good and, when it was charged, gives the message back, in one transaction.</summary>
    private Task<bool> FailAsync(Notification notification, string reason, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async () =>
        {
            if (notification.Fail(reason, time.GetUtcNow()))
            {
                await gate.RefundAsync(notification, cancellationToken);
            }

            await unitOfWork.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    private static async Task<ChannelOutcome> SendAsync(INotificationChannel channel, Notification notification, CancellationToken cancellationToken)
    {
        var html = notification.Channel == NotificationChannel.Email ? Html(notification) : null;
        try
        {
            return await channel.SendAsync(new ChannelMessage(notification.IdempotencyKey, notification.Address!, notification.Subject, notification.Text, html), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // An adapter bug or an unexpected fault: retried like a dropped connection; only the type is kept (no payload).
            return ChannelOutcome.Transient($"{ex.GetType().Name} from the {channel.Channel.Name()} channel");
        }
    }

    /// <summary>The HTML part: the plain text, encoded, a paragraph per blank-line-separated block.</summary>
    private static string Html(Notification notification)
    {
        var paragraphs = notification.Text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "<p>" + WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>");
        return $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(notification.Subject)}</title></head><body>{string.Concat(paragraphs)}</body></html>";
    }

    private static DeliveryOutcome Settled(Notification notification) => new(notification.Status, notification.Reason, null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Id} on {Channel} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid id, string channel, string? reason);
}
