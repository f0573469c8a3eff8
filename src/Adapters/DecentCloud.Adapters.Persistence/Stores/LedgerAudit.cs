using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Books;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>The books' checks as SQL aggregates, so verifying millions of postings reads no row into memory.</summary>
internal sealed class LedgerAudit(DecentCloudDbContext db) : ILedgerAudit
{
    // CAST: PostgreSQL sums bigints into numeric; both databases read the sum back as a 64-bit integer.
    private const string UnbalancedSql = """
        SELECT CAST(t."Id" AS TEXT) AS "Subject", CAST(COALESCE(SUM(p."Amount"), 0) AS BIGINT) AS "Amount", COUNT(p."Account") AS "Other"
        FROM ledger_transactions t LEFT JOIN ledger_postings p ON p."TransactionId" = t."Id"
        GROUP BY t."Id"
        HAVING COALESCE(SUM(p."Amount"), 0) <> 0 OR COUNT(p."Account") < 2
        ORDER BY t."Id" LIMIT {0}
        """;

    private const string MismatchSql = """
        SELECT b."Account" AS "Subject", b."Balance" AS "Amount", CAST(COALESCE(s."Total", 0) AS BIGINT) AS "Other"
        FROM ledger_balances b
        LEFT JOIN (SELECT "Account", SUM("Amount") AS "Total" FROM ledger_postings GROUP BY "Account") s ON s."Account" = b."Account"
        WHERE b."Balance" <> COALESCE(s."Total", 0)
        ORDER BY b."Account" LIMIT {0}
        """;

    // A row whose flag disagrees with its kind would escape the CHECK, so it is reported too.
    private const string NegativeSql = """
        SELECT "Account" AS "Subject", "Balance" AS "Amount", CAST(CASE WHEN "NonNegative" THEN 1 ELSE 0 END AS BIGINT) AS "Other"
        FROM ledger_balances
        WHERE ("NonNegative" AND "Balance" < 0) OR ("NonNegative" <> ("Account" NOT LIKE 'rail:%'))
        ORDER BY "Account" LIMIT {0}
        """;

    public async Task<BooksCounts> CountAsync(CancellationToken cancellationToken) => new(
        await db.Set<LedgerTransactionRow>().LongCountAsync(cancellationToken),
        await db.Set<LedgerPostingRow>().LongCountAsync(cancellationToken),
        await db.Set<LedgerBalanceRow>().LongCountAsync(cancellationToken));

    public async Task<IReadOnlyList<BooksDiscrepancy>> UnbalancedTransactionsAsync(int limit, CancellationToken cancellationToken) =>
        (await QueryAsync(UnbalancedSql, limit, cancellationToken))
            .Select(f => new BooksDiscrepancy("unbalanced_transaction", f.Subject.ToLowerInvariant(),
                $"its {f.Other} posting(s) sum to {f.Amount} nano-USD; a transaction needs two or more postings summing to 0"))
            .ToArray();

    public async Task<IReadOnlyList<BooksDiscrepancy>> MismatchedBalancesAsync(int limit, CancellationToken cancellationToken) =>
        (await QueryAsync(MismatchSql, limit, cancellationToken))
            .Select(f => new BooksDiscrepancy("balance_mismatch", f.Subject,
                $"stored balance {f.Amount} nano-USD, but its postings sum to {f.Other} nano-USD"))
            .ToArray();

    public async Task<IReadOnlyList<BooksDiscrepancy>> NegativeBalancesAsync(int limit, CancellationToken cancellationToken) =>
        (await QueryAsync(NegativeSql, limit, cancellationToken))
            .Select(f => new BooksDiscrepancy("negative_balance", f.Subject, f.Amount < 0 && f.Other == 1
                ? $"balance {f.Amount} nano-USD; this account may never be negative"
                : $"balance {f.Amount} nano-USD; its never-negative flag is {(f.Other == 1 ? "set on a rail" : "cleared on an account that must stay non-negative")}"))
            .ToArray();

    private async Task<List<Finding>> QueryAsync(string sql, int limit, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<Finding>(sql, limit).ToListAsync(cancellationToken);

    private sealed class Finding
    {
        public string Subject { get; init; } = string.Empty;

        public long Amount { get; init; }

        public long Other { get; init; }
    }
}
