using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Contracts;

/// <summary>
/// Where requests that ended without a payment or a machine go after the retention period: a compact archive row
/// (who asked whom for what, how it ended, its history) instead of the full contract with its key, script and config.
/// </summary>
public interface IContractRequestArchive
{
    /// <summary>
    /// Up to <paramref name="limit"/> requests that ended (expired, rejected, cancelled) before <paramref name="endedBefore"/>,
    /// never paid and never provisioned, locked for this transaction (PostgreSQL: rows other instances hold are skipped).
    /// </summary>
    Task<IReadOnlyList<Contract>> LockEndedRequestsAsync(DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Writes the archive row of <paramref name="contract"/> and removes the contract (saved with the unit of work).</summary>
    void Archive(Contract contract, DateTimeOffset archivedAt);

    /// <summary>The archived request with that id.</summary>
    Task<ArchivedContractRequest?> FindAsync(ContractId id, CancellationToken cancellationToken);
}

/// <summary>An archived contract request.</summary>
/// <param name="ContractId">The contract's id (hex).</param>
/// <param name="RequesterAccountId">The account that asked.</param>
/// <param name="ProviderId">The provider asked.</param>
/// <param name="Pool">The provider's pool.</param>
/// <param name="OfferingId">The offering.</param>
/// <param name="FinalState">How it ended (wire name).</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="ArchivedAt">When it was archived.</param>
/// <param name="History">Its transitions, one per line: <c>from -&gt; to at actor: reason</c>.</param>
public sealed record ArchivedContractRequest(
    string ContractId,
    Guid RequesterAccountId,
    string ProviderId,
    string Pool,
    string OfferingId,
    string FinalState,
    DateTimeOffset CreatedAt,
    DateTimeOffset EndedAt,
    DateTimeOffset ArchivedAt,
    string History);
