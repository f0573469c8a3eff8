using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>
/// A rental contract and its state machine. Every move is checked against the transition table,
/// provisioned/active need a succeeded payment or a free contract, and every move is recorded.
/// </summary>
public sealed class Contract
{
    private readonly List<ContractTransition> _history = [];

    private Contract(ContractId id, bool isFree, DateTimeOffset now)
    {
        Id = id;
        IsFree = isFree;
        State = ContractState.Requested;
        CreatedAt = now;
        StateSince = now;
    }

    /// <summary>The contract's id.</summary>
    public ContractId Id { get; private set; }

    /// <summary>The current state.</summary>
    public ContractState State { get; private set; }

    /// <summary>Whether the contract costs nothing (and so needs no payment).</summary>
    public bool IsFree { get; private set; }

    /// <summary>When the payment succeeded; <c>null</c> while unpaid.</summary>
    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>When the contract was requested.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the current state began.</summary>
    public DateTimeOffset StateSince { get; private set; }

    /// <summary>Every move so far, oldest first.</summary>
    public IReadOnlyList<ContractTransition> History => _history;

    /// <summary>Whether the contract may run: paid, or free.</summary>
    public bool IsPaymentSettled => IsFree || PaidAt is not null;

    /// <summary>A new contract in <see cref="ContractState.Requested"/>.</summary>
    public static Contract Request(ContractId id, bool isFree, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new Contract(id, isFree, now);
    }

    /// <summary>Records that the payment succeeded.</summary>
    public void MarkPaid(DateTimeOffset now) => PaidAt ??= now;

    /// <summary>Moves to <paramref name="to"/>, or fails with a conflict naming the rule that forbids it.</summary>
    public Result MoveTo(ContractState to, string actor, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!ContractStates.CanMove(State, to))
        {
            return Result.Fail(DomainErrors.Conflict(
                "invalid_transition", $"A {State.ToWireName()} contract cannot become {to.ToWireName()}."));
        }

        if (to.NeedsPayment() && !IsPaymentSettled)
        {
            return Result.Fail(DomainErrors.Conflict(
                "payment_required", $"A contract cannot become {to.ToWireName()} before its payment succeeded."));
        }

        _history.Add(new ContractTransition(State, to, now, actor, reason ?? string.Empty));
        State = to;
        StateSince = now;
        return Result.Ok();
    }

    /// <summary>
    /// Applies the timeouts: an unanswered or unpaid request expires after <paramref name="requestTimeout"/>,
    /// a provisioning that made no progress for <paramref name="provisioningTimeout"/> fails.
    /// Returns whether the contract moved.
    /// </summary>
    public bool ApplyTimeouts(DateTimeOffset now, TimeSpan requestTimeout, TimeSpan provisioningTimeout)
    {
        var overdue = State switch
        {
            ContractState.Requested or ContractState.Pending when now - CreatedAt >= requestTimeout => ContractState.Expired,
            ContractState.Provisioning when now - StateSince >= provisioningTimeout => ContractState.ProvisioningFailed,
            _ => (ContractState?)null,
        };
        return overdue is { } target && MoveTo(target, "system", "timeout", now).IsSuccess;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private Contract()
    {
    }
#pragma warning restore CS8618
}
