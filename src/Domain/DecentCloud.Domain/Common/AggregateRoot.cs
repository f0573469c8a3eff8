namespace DecentCloud.Domain.Common;

/// <summary>
/// Base of the aggregates that raise <see cref="IDomainEvent"/>s. Events wait here until the unit of
/// work takes them, right before it saves the aggregate.
/// </summary>
public abstract class AggregateRoot
{
    // Not named after a property: the persistence mapper must never see it as a column or navigation.
    private readonly List<IDomainEvent> _raised = [];

    /// <summary>The events raised since they were last taken, oldest first.</summary>
    public IReadOnlyList<IDomainEvent> PendingEvents() => _raised.ToArray();

    /// <summary>Returns the raised events and forgets them, so each is dispatched once.</summary>
    public IReadOnlyList<IDomainEvent> TakeEvents()
    {
        var events = _raised.ToArray();
        _raised.Clear();
        return events;
    }

    /// <summary>Records that <paramref name="domainEvent"/> happened.</summary>
    protected void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        _raised.Add(domainEvent);
    }
}
