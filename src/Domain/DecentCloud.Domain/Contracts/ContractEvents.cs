using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Contracts;

/// <summary>A user requested a contract.</summary>
/// <param name="ContractId">The new contract.</param>
/// <param name="OccurredAt">When it was requested.</param>
public sealed record ContractRequested(ContractId ContractId, DateTimeOffset OccurredAt) : IDomainEvent;

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
