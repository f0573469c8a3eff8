namespace DecentCloud.Application.Books;

/// <summary>How much the books hold.</summary>
/// <param name="Transactions">Booked transactions.</param>
/// <param name="Postings">Their postings.</param>
/// <param name="Accounts">Accounts with a balance row.</param>
public sealed record BooksCounts(long Transactions, long Postings, long Accounts);

/// <summary>One thing wrong with the books.</summary>
/// <param name="Problem"><c>unbalanced_transaction</c>, <c>balance_mismatch</c> or <c>negative_balance</c>.</param>
/// <param name="Subject">The transaction id or the account it concerns.</param>
/// <param name="Detail">What was found, with the numbers.</param>
public sealed record BooksDiscrepancy(string Problem, string Subject, string Detail);

/// <summary>What <see cref="VerifyBooks"/> found.</summary>
/// <param name="Counts">How much was checked.</param>
/// <param name="Discrepancies">The first discrepancies of each check (at most the limit asked for, in all).</param>
public sealed record BooksReport(BooksCounts Counts, IReadOnlyList<BooksDiscrepancy> Discrepancies)
{
    /// <summary>Whether every transaction sums to zero, every balance equals its postings and nothing is negative that must not be.</summary>
    public bool Balanced => Discrepancies.Count == 0;
}
