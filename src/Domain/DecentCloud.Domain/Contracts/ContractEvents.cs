using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Contracts;

/// <summary>A user requested a contract.</summary>
/// <param name="ContractId">The new contract.</param>
/// <param name="OccurredAt">When it was requested.</param>
/// <remarks>
/// The contract is not in the database yet when its handlers run (they run before the save), so the event carries who
/// asked whom for what; it never carries the terms themselves (a post-provision script may hold a secret).
/// </remarks>
public sealed record ContractRequested(ContractId ContractId, DateTimeOffset OccurredAt) : IDomainEvent
{
    /// <summary>The provider asked to run the machine (<c>null</c> only on an event built by hand).</summary>
    public ProviderId? ProviderId { get; init; }

    /// <summary>The account that requested the contract.</summary>
    public Guid RequesterAccountId { get; init; }

    /// <summary>The provider's offering.</summary>
    public string? OfferingId { get; init; }
}

/// <summary>
/// A contract moved from <paramref name="From"/> to <paramref name="To"/> (accepted, provisioning,
/// provisioned, active, cancelled, completed, expired, ...).
/// </summary>
/// <param name="ContractId">The contract.</param>
/// <param name="From">The state it left.</param>
/// <param name="To">The state it entered.</param>
/// <param name="Actor">Who moved it.</param>
/// <param name="OccurredAt">When it moved.</param>
public sealed record ContractStateChanged(ContractId ContractId, ContractState From, ContractState To, string Actor, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A contract's payment succeeded (raised once, at the first payment).</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="OccurredAt">When the payment was recorded.</param>
public sealed record ContractPaid(ContractId ContractId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>The agent answered a user's password reset: the new credentials are delivered, or the reset failed.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="RequesterAccountId">The account that owns the contract (and asked for the reset).</param>
/// <param name="Succeeded">Whether the reset worked.</param>
/// <param name="RequestedAt">When the reset was asked for (names this reset among the contract's resets).</param>
/// <param name="OccurredAt">When the answer was recorded.</param>
public sealed record PasswordResetDone(ContractId ContractId, Guid RequesterAccountId, bool Succeeded, DateTimeOffset RequestedAt, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A running contract's rented time runs out soon (raised by a scheduled check, possibly more than once per contract).</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="RequesterAccountId">The account that rents it.</param>
/// <param name="EndsAt">When its rented time runs out.</param>
/// <param name="OccurredAt">When the check saw it.</param>
public sealed record ContractEndingSoon(ContractId ContractId, Guid RequesterAccountId, DateTimeOffset EndsAt, DateTimeOffset OccurredAt) : IDomainEvent;
