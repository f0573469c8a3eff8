using DecentCloud.Domain.Agents;
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

    /// <summary>The provider's accepted or provisioning contracts of one pool, oldest first.</summary>
    Task<IReadOnlyList<Contract>> ListProvisionableAsync(ProviderId providerId, string poolName, int limit, CancellationToken cancellationToken);

    /// <summary>The provider's contracts with a password reset waiting, oldest request first.</summary>
    Task<IReadOnlyList<Contract>> ListPendingPasswordResetsAsync(ProviderId providerId, string poolName, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the provisioned or active contracts whose rented time ends after <paramref name="after"/> and at or before
    /// <paramref name="until"/>, soonest end first (<paramref name="skip"/> rows in, at most <paramref name="take"/>).
    /// </summary>
    Task<IReadOnlyList<Contract>> ListEndingAsync(DateTimeOffset after, DateTimeOffset until, int skip, int take, CancellationToken cancellationToken);

    /// <summary>The contracts among <paramref name="ids"/> that exist.</summary>
    Task<IReadOnlyList<Contract>> FindManyAsync(IReadOnlyCollection<ContractId> ids, CancellationToken cancellationToken);
}
