using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Common;

/// <summary>
/// Reacts to <typeparamref name="TEvent"/> inside the transaction that raised it: it may change more
/// state through the stores and enqueue outbox messages; throwing rolls the whole request back. It must
/// not call outside systems itself (that is what the outbox is for).
/// </summary>
/// <typeparam name="TEvent">The event handled.</typeparam>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    /// <summary>Handles one event.</summary>
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
