namespace DecentCloud.Api.Client;

/// <summary><c>GET /api/v1/admin/books</c>: whether the double-entry books balance, and what is wrong when they do not.</summary>
/// <param name="Balanced">Every transaction sums to zero, every balance equals its postings, nothing is negative that must not be.</param>
/// <param name="Transactions">Booked transactions checked.</param>
/// <param name="Postings">Their postings.</param>
/// <param name="Accounts">Accounts with a balance.</param>
/// <param name="Discrepancies">The first discrepancies found (at most the <c>limit</c> asked for; empty when balanced).</param>
public sealed record BooksVerification(bool Balanced, long Transactions, long Postings, long Accounts, IReadOnlyList<BooksDiscrepancyDetails> Discrepancies);

/// <summary>One thing wrong with the books.</summary>
/// <param name="Problem"><c>unbalanced_transaction</c>, <c>balance_mismatch</c> or <c>negative_balance</c>.</param>
/// <param name="Subject">The transaction id or the account it concerns.</param>
/// <param name="Detail">What was found, with the numbers.</param>
public sealed record BooksDiscrepancyDetails(string Problem, string Subject, string Detail);
