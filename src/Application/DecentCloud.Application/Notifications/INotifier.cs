using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// Where domain-event handlers hand a notification for an account. It is written with the caller's transaction (one
/// pending notification per channel the account enabled and verified for <see cref="Notice.Kind"/>, each with an
/// outbox message) and delivered after commit through the quota gate; the same <see cref="Notice.EventKey"/> twice adds
/// nothing, so a handler that runs again for the same event is harmless.
/// </summary>
public interface INotifier
{
    /// <summary>Queues <paramref name="notice"/> for its account's channels; an account with no settings gets it in-app only.</summary>
    Task NotifyAsync(Notice notice, CancellationToken cancellationToken);
}

/// <summary>A notification for one account, before it is split per channel.</summary>
/// <param name="AccountId">The recipient account (a provider is its account: see <c>ProviderProfile.ProviderIdOf</c>).</param>
/// <param name="Kind">What it is about.</param>
/// <param name="EventKey">Unique per event, e.g. <c>sla_breached:{contract}:{hour}</c>; with the channel it is the idempotency key.</param>
/// <param name="Subject">One line, no secrets.</param>
/// <param name="Text">The plain-text body, no secrets.</param>
public sealed record Notice(Guid AccountId, NotificationKind Kind, string EventKey, string Subject, string Text);
