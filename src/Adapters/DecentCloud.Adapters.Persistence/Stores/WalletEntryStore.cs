using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Wallet;
using DecentCloud.Domain.Money.Books;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>A wallet's postings joined to their transactions, newest first (ledger_postings is indexed by account).</summary>
internal sealed class WalletEntryStore(DecentCloudDbContext db) : IWalletEntries
{
    public async Task<IReadOnlyList<WalletEntry>> RecentAsync(LedgerAccount wallet, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var account = wallet.ToString();
        var rows = await db.Set<LedgerPostingRow>().AsNoTracking()
            .Where(p => p.Account == account)
            .Join(db.Set<LedgerTransactionRow>(), p => p.TransactionId, t => t.Id, (p, t) => new { t.Id, t.Kind, p.Amount, t.At, t.Memo })
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new WalletEntry(
                r.Id,
                LedgerTransactionKinds.FromWire(r.Kind) ?? throw new InvalidOperationException($"transaction {r.Id} has the unknown kind '{r.Kind}'"),
                r.Amount, r.At, r.Memo))
            .ToArray();
    }
}
