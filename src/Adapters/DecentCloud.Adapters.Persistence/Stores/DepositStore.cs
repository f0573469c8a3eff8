using DecentCloud.Application.Deposits;
using DecentCloud.Domain.Money.Deposits;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class DepositStore(DecentCloudDbContext db, PersistenceOptions options) : IDepositStore
{
    // Row locks need raw SQL: EF cannot compose FOR UPDATE. SQLite has one writer at a time (its transactions begin
    // IMMEDIATE); there the cursor's row version and the deposits' unique (ledger, block) index stop a second writer.
    private const string CursorSql = """SELECT "Ledger" AS "Value" FROM deposit_cursors WHERE "Ledger" = {0}""";

    public async Task<IReadOnlyDictionary<string, Guid>> FindAccountsAsync(IReadOnlyCollection<string> subaccounts, CancellationToken cancellationToken) =>
        await db.DepositAddresses.AsNoTracking().Where(a => subaccounts.Contains(a.Subaccount)).ToDictionaryAsync(a => a.Subaccount, a => a.AccountId, cancellationToken);

    public Task<bool> HasAddressAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.DepositAddresses.AnyAsync(a => a.AccountId == accountId, cancellationToken);

    public void AddAddress(DepositAddress address) => db.DepositAddresses.Add(address);

    public Task<DepositCursor?> FindCursorAsync(string ledger, CancellationToken cancellationToken) =>
        db.DepositCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Ledger == ledger, cancellationToken);

    public void AddCursor(DepositCursor cursor) => db.DepositCursors.Add(cursor);

    public async Task<DepositCursor?> LockCursorAsync(string ledger, CancellationToken cancellationToken)
    {
        var locked = await db.Database.SqlQueryRaw<string>(options.UsesPostgres ? CursorSql + " FOR UPDATE SKIP LOCKED" : CursorSql, ledger)
            .ToListAsync(cancellationToken);
        return locked.Count == 0 ? null : await db.DepositCursors.SingleAsync(c => c.Ledger == ledger, cancellationToken);
    }

    public void AddDeposit(Deposit deposit) => db.Deposits.Add(deposit);

    public async Task<IReadOnlyList<Deposit>> ListForUpdateAsync(string ledger, DepositState state, int limit, CancellationToken cancellationToken) =>
        await db.Deposits.Where(d => d.Ledger == ledger && d.State == state).OrderBy(d => d.BlockIndex).Take(limit).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Deposit>> ListAsync(DepositState? state, int limit, CancellationToken cancellationToken) =>
        await (state is { } s ? db.Deposits.Where(d => d.State == s) : db.Deposits)
            .AsNoTracking().OrderByDescending(d => d.DetectedAt).ThenByDescending(d => d.BlockIndex).Take(limit).ToListAsync(cancellationToken);
}
