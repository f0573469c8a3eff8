using DecentCloud.Domain.Money.Deposits;

namespace DecentCloud.Application.Deposits;

/// <summary>The deposits, the ledgers' scan cursors and the deposit addresses shown.</summary>
public interface IDepositStore
{
    /// <summary>The account whose deposit subaccount each of <paramref name="subaccounts"/> is (only those shown to their account).</summary>
    Task<IReadOnlyDictionary<string, Guid>> FindAccountsAsync(IReadOnlyCollection<string> subaccounts, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="accountId"/>'s deposit address was recorded.</summary>
    Task<bool> HasAddressAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>Adds a deposit address (saved with the unit of work).</summary>
    void AddAddress(DepositAddress address);

    /// <summary>The scan cursor of <paramref name="ledger"/>, untracked; <c>null</c> before its first scan.</summary>
    Task<DepositCursor?> FindCursorAsync(string ledger, CancellationToken cancellationToken);

    /// <summary>Adds a cursor (saved with the unit of work).</summary>
    void AddCursor(DepositCursor cursor);

    /// <summary>
    /// The cursor of <paramref name="ledger"/>, tracked and locked for the current transaction; <c>null</c> when another
    /// scanner holds it (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>) or there is none. Call inside
    /// <see cref="Common.IUnitOfWork.InTransactionAsync{T}"/>.
    /// </summary>
    Task<DepositCursor?> LockCursorAsync(string ledger, CancellationToken cancellationToken);

    /// <summary>Adds a deposit (saved with the unit of work).</summary>
    void AddDeposit(Deposit deposit);

    /// <summary>Up to <paramref name="limit"/> deposits of <paramref name="ledger"/> in <paramref name="state"/>, oldest block first, tracked.</summary>
    Task<IReadOnlyList<Deposit>> ListForUpdateAsync(string ledger, DepositState state, int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> deposits, newest first, in <paramref name="state"/> or all, untracked.</summary>
    Task<IReadOnlyList<Deposit>> ListAsync(DepositState? state, int limit, CancellationToken cancellationToken);
}
