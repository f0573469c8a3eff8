namespace DecentCloud.Domain.Common;

/// <summary>
/// Something that happened to an aggregate, raised at its state transition and dispatched in the same
/// transaction as the change. Events are immutable records and never carry a secret.
/// </summary>
public interface IDomainEvent
{
    /// <summary>When it happened.</summary>
    DateTimeOffset OccurredAt { get; }
}
