using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class AccountStore(DecentCloudDbContext db, PersistenceOptions options) : IAccountStore
{
    public Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<Account?> FindByDeviceAsync(string deviceKeyHex, CancellationToken cancellationToken) =>
        db.Accounts.SingleOrDefaultAsync(a => a.Devices.Any(d => d.KeyHex == deviceKeyHex), cancellationToken);

    public void Add(Account account) => Add(account, null);

    public void Add(Account account, string? clientAddress)
    {
        db.Accounts.Add(account);
        db.Entry(account).Property(ClientOrigin.AccountColumn).CurrentValue = ClientOrigin.Fit(clientAddress);
    }

    public void RecordRequestOrigin(Contract contract, string? clientAddress) =>
        db.Entry(contract).Property(ClientOrigin.ContractColumn).CurrentValue = ClientOrigin.Fit(clientAddress);

    public Task<int> CountRegisteredFromAsync(string clientAddress, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var address = ClientOrigin.Fit(clientAddress);
        return db.Accounts.CountAsync(a => EF.Property<string?>(a, ClientOrigin.AccountColumn) == address && a.CreatedAt > since, cancellationToken);
    }

    public Task<int> CountRequestedFromAsync(string clientAddress, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var address = ClientOrigin.Fit(clientAddress);
        return db.Contracts.CountAsync(c => EF.Property<string?>(c, ClientOrigin.ContractColumn) == address && c.CreatedAt > since, cancellationToken);
    }

    public Task<int> CountOpenRequestsAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.Contracts.CountAsync(
            c => c.Terms.RequesterAccountId == accountId && (c.State == ContractState.Requested || c.State == ContractState.Pending),
            cancellationToken);

    public async Task HoldQuotaAsync(string key, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("a quota key is held by a transaction; start one first");
        }

        // PostgreSQL: a transaction-scoped advisory lock on the key's hash (released at commit or rollback). SQLite
        // needs none: its transactions begin IMMEDIATE, taking the database's write lock, so they run one at a time.
        if (options.UsesPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended({0}, 7))", [key], cancellationToken);
        }
    }
}
