using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Notifications;
using Mediator;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// Sends the outbox's notification deliveries through <see cref="DeliverNotification"/>; a delivery still pending after
/// its attempt is thrown back to the dispatcher, which retries it with backoff (no sooner than the channel asked).
/// </summary>
internal sealed class DeliverNotificationOutboxHandler(IMediator mediator) : IOutboxHandler
{
    /// <summary>The outbox message type.</summary>
    public const string Type = "notification.deliver";

    /// <inheritdoc />
    string IOutboxHandler.Type => Type;

    /// <inheritdoc />
    public async Task SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new DeliverNotification(DeliveryPayload.FromJson(payload)), cancellationToken);
        if (outcome.Status == NotificationStatus.Pending)
        {
            throw new RetryLaterException(outcome.Reason ?? "not sent", outcome.RetryAfter);
        }
    }
}
