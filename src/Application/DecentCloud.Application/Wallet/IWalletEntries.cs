using DecentCloud.Domain.Money.Books;

namespace DecentCloud.Application.Wallet;

/// <summary>One movement of a wallet as its owner sees it.</summary>
/// <param name="TransactionId">The books' transaction.</param>
/// <param name="Kind">Why the money moved.</param>
/// <param name="AmountNanoUsd">Into the wallet (positive) or out of it (negative), nano-USD.</param>
/// <param name="At">When.</param>
/// <param name="Memo">The transaction's note.</param>
public sealed record WalletEntry(Guid TransactionId, LedgerTransactionKind Kind, long AmountNanoUsd, DateTimeOffset At, string Memo);

/// <summary>Reads the postings of one wallet, newest first (a read side of the books).</summary>
public interface IWalletEntries
{
    /// <summary>The last <paramref name="limit"/> postings to <paramref name="wallet"/>, newest first.</summary>
    Task<IReadOnlyList<WalletEntry>> RecentAsync(LedgerAccount wallet, int limit, CancellationToken cancellationToken);
}
