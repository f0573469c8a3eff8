using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>
/// A rental contract and its state machine. Every move is checked against the transition table,
/// provisioned/active need a succeeded payment or a free contract, and every move is recorded.
/// </summary>
public sealed partial class Contract : AggregateRoot
{
    /// <summary>Longest failure reason an agent's report leaves in the history (the history's reason column holds 512).</summary>
    public const int MaxFailureReasonLength = 500;

    /// <summary>Longest backend id of a machine (the column's length).</summary>
    public const int MaxExternalIdLength = 128;

    private readonly List<ContractTransition> _history = [];

    private Contract(ContractId id, ContractTerms terms, DateTimeOffset now)
    {
        Id = id;
        Terms = terms;
        IsFree = terms.IsFree;
        State = ContractState.Requested;
        CreatedAt = now;
        StateSince = now;
        ProgressAt = now;
    }

    /// <summary>The contract's id.</summary>
    public ContractId Id { get; private set; }

    /// <summary>What is rented, from whom, for whom.</summary>
    public ContractTerms Terms { get; private set; }

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

    /// <summary>The last real progress: a move of state (what the provisioning timeout measures; lease renewals and repeated reports do not count).</summary>
    public DateTimeOffset ProgressAt { get; private set; }

    /// <summary>The agent holding the provisioning lease, if any.</summary>
    public AgentPublicKey? LeaseHolder { get; private set; }

    /// <summary>When the provisioning lease runs out.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>The backend's id of the machine, once provisioned.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>The machine's details as the agent reported them (JSON, never a secret).</summary>
    public string? InstanceDetails { get; private set; }

    /// <summary>The login user the delivered credentials are for.</summary>
    public string? LoginUser { get; private set; }

    /// <summary>When the machine was reported provisioned.</summary>
    public DateTimeOffset? ProvisionedAt { get; private set; }

    /// <summary>When the rented time runs out (set at provisioning).</summary>
    public DateTimeOffset? EndsAt { get; private set; }

    /// <summary>When the agent reported the machine gone.</summary>
    public DateTimeOffset? TerminatedAt { get; private set; }

    /// <summary>Where the latest on-demand password reset stands.</summary>
    public PasswordResetState PasswordReset { get; private set; }

    /// <summary>When the latest password reset was asked for.</summary>
    public DateTimeOffset? PasswordResetRequestedAt { get; private set; }

    /// <summary>Why the latest password reset failed, for the user.</summary>
    public string? PasswordResetError { get; private set; }

    /// <summary>Every move so far, oldest first.</summary>
    public IReadOnlyList<ContractTransition> History => _history;

    /// <summary>Whether the contract may run: paid, or free.</summary>
    public bool IsPaymentSettled => IsFree || PaidAt is not null;

    /// <summary>A new contract in <see cref="ContractState.Requested"/>.</summary>
    public static Contract Request(ContractId id, ContractTerms terms, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(terms);
        var contract = new Contract(id, terms, now);
        contract.Raise(new ContractRequested(id, now)
        {
            ProviderId = terms.ProviderId,
            RequesterAccountId = terms.RequesterAccountId,
            OfferingId = terms.OfferingId,
        });
        return contract;
    }

    /// <summary>Records that the payment succeeded.</summary>
    public void MarkPaid(DateTimeOffset now)
    {
        if (PaidAt is null)
        {
            PaidAt = now;
            Raise(new ContractPaid(Id, now));
        }
    }

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
        Raise(new ContractStateChanged(Id, State, to, actor, now));
        State = to;
        StateSince = now;
        ProgressAt = now;
        if (to != ContractState.Provisioning)
        {
            LeaseHolder = null;
            LeaseExpiresAt = null;
        }

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
            ContractState.Provisioning when now - ProgressAt >= provisioningTimeout => ContractState.ProvisioningFailed,
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
