using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Releases;

namespace DecentCloud.Application.Releases;

/// <summary>The rentals' escrows and the release rows written as their money moves.</summary>
public interface IReleaseStore
{
    /// <summary>The escrow of <paramref name="contractId"/>, tracked for update; <c>null</c> when none was opened.</summary>
    Task<RentalEscrow?> FindEscrowAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>Adds an escrow (saved with the unit of work).</summary>
    void AddEscrow(RentalEscrow escrow);

    /// <summary>Adds a release or refund row (saved with the unit of work).</summary>
    void AddRelease(PaymentRelease release);

    /// <summary>
    /// Up to <paramref name="limit"/> running rentals (provisioned, active or paused) whose escrow was never opened:
    /// rentals provisioned before escrows existed, which the release job opens lazily.
    /// </summary>
    Task<IReadOnlyList<Contract>> ListRunningWithoutEscrowAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> escrows with money held whose last release is at or before
    /// <paramref name="releasedBefore"/> or whose end is at or before <paramref name="now"/>, oldest release first,
    /// locked for the current transaction so that another worker skips them (PostgreSQL <c>FOR UPDATE SKIP
    /// LOCKED</c>); call inside <see cref="Common.IUnitOfWork.InTransactionAsync{T}"/>.
    /// </summary>
    Task<IReadOnlyList<RentalEscrow>> LockDueAsync(DateTimeOffset releasedBefore, DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
