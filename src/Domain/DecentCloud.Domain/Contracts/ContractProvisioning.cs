using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>The provisioning lease and the agent's provisioning reports.</summary>
public sealed partial class Contract
{
    /// <summary>
    /// Takes or renews the provisioning lease. Only accepted or provisioning contracts whose payment
    /// settled can be leased; a lease another agent holds and that has not run out is not taken.
    /// </summary>
    public Result<LeaseOutcome> AcquireLease(AgentPublicKey agent, DateTimeOffset now, TimeSpan length)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (State is not (ContractState.Accepted or ContractState.Provisioning))
        {
            return Result.Fail<LeaseOutcome>(DomainErrors.Conflict("not_provisionable", $"A {State.ToWireName()} contract is not provisioned."));
        }

        if (!IsPaymentSettled)
        {
            return Result.Fail<LeaseOutcome>(DomainErrors.Conflict("payment_required", "The contract's payment has not succeeded."));
        }

        if (LeaseHolder is not null && LeaseHolder != agent && LeaseExpiresAt > now)
        {
            return new LeaseOutcome(false, LeaseExpiresAt.Value);
        }

        // Taking or renewing a lease is not progress: an agent that keeps failing renews it on every attempt,
        // and the provisioning timeout must still fire for it.
        LeaseHolder = agent;
        LeaseExpiresAt = now + length;
        return new LeaseOutcome(true, LeaseExpiresAt.Value);
    }

    /// <summary>Gives the lease back; a lease the agent does not hold is left alone.</summary>
    public void ReleaseLease(AgentPublicKey agent)
    {
        if (LeaseHolder == agent)
        {
            LeaseHolder = null;
            LeaseExpiresAt = null;
        }
    }

    /// <summary>Whether the agent may offer to provision it now (its own lease counts as free: it resumes after a crash).</summary>
    public bool IsOpenFor(AgentPublicKey agent, DateTimeOffset now) =>
        State is ContractState.Accepted or ContractState.Provisioning
        && IsPaymentSettled
        && (LeaseHolder is null || LeaseHolder == agent || LeaseExpiresAt <= now);

    /// <summary>The agent started (or, after a restart, resumed) creating the machine.</summary>
    public Result BeginProvisioning(AgentPublicKey agent, DateTimeOffset now)
    {
        var held = CheckLease(agent);
        if (held.IsFailed)
        {
            return held;
        }

        // A repeated report (a resumed or retried attempt) is not progress; only the move into provisioning is.
        return State == ContractState.Provisioning ? Result.Ok() : MoveTo(ContractState.Provisioning, Actor(agent), "agent started provisioning", now);
    }

    /// <summary>The machine runs: records its details (never a secret) and starts the rented time. Repeating the same report is a no-op.</summary>
    public Result CompleteProvisioning(AgentPublicKey agent, string externalId, string instanceDetails, string loginUser, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentNullException.ThrowIfNull(instanceDetails);
        if (externalId.Length > MaxExternalIdLength || instanceDetails.Length > ContractInstance.MaxLength)
        {
            return Result.Fail(DomainError.Invalid(
                "invalid_instance", $"externalId must be at most {MaxExternalIdLength} and instance at most {ContractInstance.MaxLength} characters."));
        }

        if (State == ContractState.Provisioned && ExternalId == externalId)
        {
            return Result.Ok();
        }

        var held = CheckLease(agent);
        if (held.IsFailed)
        {
            return held;
        }

        if (State == ContractState.Accepted)
        {
            var begun = MoveTo(ContractState.Provisioning, Actor(agent), "agent started provisioning", now);
            if (begun.IsFailed)
            {
                return begun;
            }
        }

        var moved = MoveTo(ContractState.Provisioned, Actor(agent), $"instance {externalId} running", now);
        if (moved.IsFailed)
        {
            return moved;
        }

        ExternalId = externalId;
        InstanceDetails = instanceDetails;
        LoginUser = loginUser;
        ProvisionedAt = now;
        EndsAt = now + TimeSpan.FromSeconds(Terms.DurationSeconds);
        return Result.Ok();
    }

    /// <summary>
    /// The agent gave up (a backend error, a credential it could not seal, ...); the reason reaches the user, cut to
    /// <see cref="MaxFailureReasonLength"/> characters. Repeating it is a no-op.
    /// </summary>
    public Result FailProvisioning(AgentPublicKey agent, string reason, DateTimeOffset now)
    {
        if (State == ContractState.ProvisioningFailed)
        {
            return Result.Ok();
        }

        var held = CheckLease(agent);
        return held.IsFailed ? held : MoveTo(ContractState.ProvisioningFailed, Actor(agent), BoundedReason(reason), now);
    }

    /// <summary>The reason as it is recorded: trimmed, never empty, at most <see cref="MaxFailureReasonLength"/> characters, no half surrogate pair.</summary>
    private static string BoundedReason(string reason)
    {
        var text = string.IsNullOrWhiteSpace(reason) ? "agent reported a failure" : reason.Trim();
        if (text.Length <= MaxFailureReasonLength)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[MaxFailureReasonLength - 1]) ? MaxFailureReasonLength - 1 : MaxFailureReasonLength;
        return text[..cut];
    }

    private Result CheckLease(AgentPublicKey agent) =>
        LeaseHolder == agent
            ? Result.Ok()
            : Result.Fail(DomainErrors.Conflict("lease_not_held", "The agent does not hold this contract's provisioning lease; lock it first."));

    private static string Actor(AgentPublicKey agent) => $"agent:{agent.Hex[..16]}";
}
