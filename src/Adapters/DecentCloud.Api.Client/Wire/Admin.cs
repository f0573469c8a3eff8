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

/// <summary>One line of <c>GET /api/v1/admin/payment-releases</c>: what a provider is owed (released, not yet paid out).</summary>
/// <param name="ProviderPubkey">The provider (its provider id).</param>
/// <param name="TotalPendingE9s">Nano-USD released to it and not yet paid (after the platform fee).</param>
/// <param name="ReleaseCount">How many releases that is.</param>
/// <param name="OldestReleaseAt">When the oldest of them was released.</param>
public sealed record PendingPaymentRelease(string ProviderPubkey, long TotalPendingE9s, int ReleaseCount, DateTimeOffset OldestReleaseAt);

/// <summary>
/// <c>POST /api/v1/admin/payouts</c>: the operator paid a provider by hand (e.g. in ICPay's dashboard) and records it.
/// <paramref name="AmountE9s"/> must equal the provider's whole pending total, or the sum of <paramref name="ReleaseIds"/>
/// when they are named; the reference of the payment made is required.
/// </summary>
/// <param name="ProviderPubkey">The provider paid.</param>
/// <param name="WalletAddress">Where the money went (e.g. the provider's ICRC-1 account text).</param>
/// <param name="ExternalReference">The payment's reference in the system that made it (1-200 printable characters, unique).</param>
/// <param name="AmountE9s">Nano-USD paid.</param>
/// <param name="ReleaseIds">The releases paid; omitted or empty for all of the provider's pending releases.</param>
public sealed record ManualPayoutRequest(string ProviderPubkey, string WalletAddress, string ExternalReference, long AmountE9s, IReadOnlyList<Guid>? ReleaseIds = null);

/// <summary>A recorded payout: the releases it marked paid.</summary>
/// <param name="PayoutId">Its id.</param>
/// <param name="ProviderPubkey">The provider paid.</param>
/// <param name="AmountE9s">Nano-USD paid.</param>
/// <param name="ExternalReference">The payment's reference.</param>
/// <param name="ReleaseIds">The releases now <c>paid_out</c>.</param>
/// <param name="At">When it was recorded.</param>
public sealed record PayoutDetails(Guid PayoutId, string ProviderPubkey, long AmountE9s, string ExternalReference, IReadOnlyList<Guid> ReleaseIds, DateTimeOffset At);
