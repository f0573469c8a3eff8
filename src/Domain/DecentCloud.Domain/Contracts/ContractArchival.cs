using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>Archival: the last step of an ended contract, taken by the retention job.</summary>
public sealed partial class Contract
{
    /// <summary>When the contract was moved to the archive; <c>null</c> while it is in the hot tables.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>The terminal state the contract ended in, once archived (its outcome is judged by it, not by <c>archived</c>).</summary>
    public ContractState? ArchivedFrom { get; private set; }

    /// <summary>The state the contract's outcome is judged by: its current state, or the terminal state it was archived in.</summary>
    public ContractState FinalState => ArchivedFrom ?? State;

    /// <summary>
    /// Marks an ended contract archived. Only a terminal state (rejected, cancelled, expired, completed, provisioning
    /// failed) may be archived, once. Unlike <see cref="MoveTo"/> it adds no transition and keeps <see cref="StateSince"/>:
    /// the history moves to the archive row for row as it was (so the archive's row counts equal the hot tables'), and
    /// the end of the contract stays when its final state began; <see cref="ArchivedAt"/> is the record of this move.
    /// </summary>
    public Result Archive(DateTimeOffset now)
    {
        if (State == ContractState.Archived)
        {
            return Result.Fail(DomainErrors.Conflict("contract_already_archived", "The contract is already archived."));
        }

        if (!State.IsTerminal())
        {
            return Result.Fail(DomainErrors.Conflict(
                "invalid_transition", $"A {State.ToWireName()} contract cannot become archived: only an ended contract can."));
        }

        ArchivedFrom = State;
        ArchivedAt = now;
        State = ContractState.Archived;
        return Result.Ok();
    }
}
