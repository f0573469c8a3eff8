namespace DecentCloud.Application.Books;

/// <summary>Reads the books the way <see cref="VerifyBooks"/> checks them, computed where the data is (the database).</summary>
public interface ILedgerAudit
{
    /// <summary>How many transactions, postings and balance rows there are.</summary>
    Task<BooksCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>Transactions whose postings do not sum to zero or that have fewer than two postings, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<BooksDiscrepancy>> UnbalancedTransactionsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Accounts whose stored balance differs from the sum of their postings (or that have postings and no balance), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<BooksDiscrepancy>> MismatchedBalancesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Accounts that must stay non-negative and are below zero, or whose flag does not match their kind, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<BooksDiscrepancy>> NegativeBalancesAsync(int limit, CancellationToken cancellationToken);
}
