using DecentCloud.Domain.Money.Books;
using FluentResults;

namespace DecentCloud.Application.Books;

/// <summary>
/// The books: the port every money movement posts to. An implementation keeps, per account, a balance equal to the
/// sum of its postings, and never lets an account that must stay non-negative (a wallet, an escrow, a payable, the
/// revenue) go below zero — whatever number of writers post at once.
/// </summary>
public interface ILedger
{
    /// <summary>
    /// Posts <paramref name="transaction"/> atomically: the transaction, its postings and every balance change are
    /// written together or not at all (inside the caller's open database transaction, when there is one). An
    /// account that would go below zero fails it with <see cref="LedgerErrors.InsufficientFunds"/> and nothing is
    /// written. When the idempotency key is already booked, nothing is written and the booked transaction is returned.
    /// </summary>
    Task<Result<LedgerTransaction>> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The balance of <paramref name="account"/> in nano-USD; zero for an account never posted to.</summary>
    Task<long> BalanceAsync(LedgerAccount account, CancellationToken cancellationToken);

    /// <summary>The transaction booked under <paramref name="idempotencyKey"/>, or <c>null</c>.</summary>
    Task<LedgerTransaction?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken);
}
