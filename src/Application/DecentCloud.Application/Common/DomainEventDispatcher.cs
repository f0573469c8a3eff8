using System.Collections.Concurrent;
using DecentCloud.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Common;

/// <summary>
/// Hands domain events to their <see cref="IDomainEventHandler{TEvent}"/>s, resolved from the request's
/// scope. The unit of work calls it before it saves, so handlers run in the same transaction.
/// </summary>
public sealed class DomainEventDispatcher(IServiceProvider services)
{
    // One small typed invoker per event type, so handlers are called without reflection on every event.
    private static readonly ConcurrentDictionary<Type, IInvoker> Invokers = new();

    /// <summary>Runs every handler of every event, in order; the first exception stops and propagates.</summary>
    public async Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var domainEvent in events)
        {
            var invoker = Invokers.GetOrAdd(
                domainEvent.GetType(),
                type => (IInvoker)Activator.CreateInstance(typeof(Invoker<>).MakeGenericType(type))!);
            await invoker.InvokeAsync(services, domainEvent, cancellationToken);
        }
    }

    private interface IInvoker
    {
        Task InvokeAsync(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken);
    }

    private sealed class Invoker<TEvent> : IInvoker
        where TEvent : IDomainEvent
    {
        public async Task InvokeAsync(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken)
        {
            foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
            {
                await handler.HandleAsync((TEvent)domainEvent, cancellationToken);
            }
        }
    }
}
