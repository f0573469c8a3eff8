using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Retention;

/// <summary>
/// The contract archive: where ended contracts go after the retention period, and where they are read back from as
/// the same aggregate (state <c>archived</c>, history and all).
/// </summary>
public interface IContractArchive
{
    /// <summary>The hot table of the contracts (reports count rows per table by it).</summary>
    string Table { get; }

    /// <summary>
    /// The oldest contract that ended before <paramref name="endedBefore"/> and whose money is settled (no escrow left,
    /// no release waiting for a payout), locked for the current transaction so another instance running the same job
    /// skips it (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>); <c>null</c> when none is left. Call inside a transaction.
    /// </summary>
    Task<Contract?> LockNextArchivableAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the contract's own row (already saved in its archived state) to the archive, after every part moved its
    /// rows; returns how many rows moved (1). Runs inside the caller's transaction.
    /// </summary>
    Task<int> MoveContractAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>The archived contract with that id, or <c>null</c>.</summary>
    Task<Contract?> FindAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>Archived contracts of a provider and/or a user (either filter may be absent), latest archived first.</summary>
    Task<IReadOnlyList<Contract>> ListAsync(ProviderId? providerId, Guid? requesterAccountId, int limit, CancellationToken cancellationToken);
}
