using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Contracts;

/// <summary>Rental contracts with their transition history.</summary>
public interface IContractStore
{
    /// <summary>The contract with that id.</summary>
    Task<Contract?> FindAsync(ContractId id, CancellationToken cancellationToken);

    /// <summary>Adds a contract (saved with the unit of work).</summary>
    void Add(Contract contract);

    /// <summary>
    /// Up to <paramref name="limit"/> contracts whose timeout has passed, locked for the current
    /// transaction so that another instance running the same job skips them (PostgreSQL
    /// <c>FOR UPDATE SKIP LOCKED</c>); call inside <see cref="Common.IUnitOfWork.InTransactionAsync{T}"/>.
    /// </summary>
    Task<IReadOnlyList<Contract>> LockTimedOutAsync(DateTimeOffset requestCutoff, DateTimeOffset provisioningCutoff, int limit, CancellationToken cancellationToken);
}
