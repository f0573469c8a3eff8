using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>What happens to a provisioned contract's machine: reconcile decisions, termination, activation, password resets.</summary>
public sealed partial class Contract
{
    /// <summary>What the agent should do with this contract's instance, given whether it is running.</summary>
    public InstanceAction DecideInstanceAction(bool running, DateTimeOffset now) => State switch
    {
        _ when State.IsTerminal() => InstanceAction.Terminate,
        ContractState.Active or ContractState.Paused when EndsAt <= now => InstanceAction.Terminate,
        ContractState.Paused => running ? InstanceAction.Pause : InstanceAction.Keep,
        ContractState.Provisioned or ContractState.Active => running ? InstanceAction.Keep : InstanceAction.Resume,
        ContractState.Accepted or ContractState.Provisioning => InstanceAction.Keep,
        _ => InstanceAction.Unknown,
    };

    /// <summary>The agent reports the machine gone. A contract whose time ran out is then completed.</summary>
    public void MarkTerminated(DateTimeOffset now)
    {
        TerminatedAt ??= now;
        if (State is ContractState.Active or ContractState.Paused && EndsAt <= now)
        {
            _ = MoveTo(ContractState.Completed, "system", "rented time ended; instance terminated", now);
        }
    }

    /// <summary>A healthy report of a provisioned machine starts its active (billed) time.</summary>
    public void ActivateOnHealthyReport(DateTimeOffset now)
    {
        if (State == ContractState.Provisioned)
        {
            _ = MoveTo(ContractState.Active, "system", "first healthy check", now);
        }
    }

    /// <summary>The user asks for a new password; asking again while one is pending is a no-op.</summary>
    public Result RequestPasswordReset(DateTimeOffset now)
    {
        if (State is not (ContractState.Provisioned or ContractState.Active))
        {
            return Result.Fail(DomainErrors.Conflict("not_running", $"A {State.ToWireName()} contract's password cannot be reset."));
        }

        if (PasswordReset != PasswordResetState.Requested)
        {
            PasswordReset = PasswordResetState.Requested;
            PasswordResetRequestedAt = now;
            PasswordResetError = null;
        }

        return Result.Ok();
    }

    /// <summary>
    /// The agent's answer to a reset, as <see cref="CompletePasswordReset(bool, string?, DateTimeOffset)"/> with the
    /// reset's request time as the time of the answer (kept for callers without a clock).
    /// </summary>
    public Result CompletePasswordReset(bool succeeded, string? error) =>
        CompletePasswordReset(succeeded, error, PasswordResetRequestedAt ?? StateSince);

    /// <summary>
    /// The agent's answer to a reset (a failure's reason cut to <see cref="MaxFailureReasonLength"/>); a repeated answer is a
    /// no-op, an unasked one a conflict. The first answer raises <see cref="PasswordResetDone"/>, so the user hears of it once.
    /// </summary>
    public Result CompletePasswordReset(bool succeeded, string? error, DateTimeOffset now)
    {
        var outcome = succeeded ? PasswordResetState.Succeeded : PasswordResetState.Failed;
        if (PasswordReset == outcome)
        {
            return Result.Ok();
        }

        if (PasswordReset != PasswordResetState.Requested)
        {
            return Result.Fail(DomainErrors.Conflict("no_reset_pending", "No password reset is pending for this contract."));
        }

        PasswordReset = outcome;
        PasswordResetError = succeeded ? null : BoundedReason(error ?? string.Empty);
        Raise(new PasswordResetDone(Id, Terms.RequesterAccountId, succeeded, PasswordResetRequestedAt ?? now, now));
        return Result.Ok();
    }

    /// <summary>
    /// Raises <see cref="ContractEndingSoon"/> when the contract is provisioned or active and its rented time runs out after
    /// <paramref name="now"/> but within <paramref name="lookahead"/>; reports whether it did. Nothing is stored: a repeat
    /// raises the same event again, and whoever reacts tells repeats apart by the contract and <see cref="EndsAt"/>.
    /// </summary>
    public bool WarnIfEndingSoon(DateTimeOffset now, TimeSpan lookahead)
    {
        if (State is not (ContractState.Provisioned or ContractState.Active) || EndsAt is not { } end || end <= now || end > now + lookahead)
        {
            return false;
        }

        Raise(new ContractEndingSoon(Id, Terms.RequesterAccountId, end, now));
        return true;
    }
}
