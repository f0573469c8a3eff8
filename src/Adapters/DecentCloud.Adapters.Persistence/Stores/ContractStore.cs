using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class ContractStore(DecentCloudDbContext db, PersistenceOptions options) : IContractStore
{
    private static readonly string Requested = ContractState.Requested.ToWireName();
    private static readonly string Pending = ContractState.Pending.ToWireName();
    private static readonly string Provisioning = ContractState.Provisioning.ToWireName();

    // Row locks need raw SQL: EF cannot compose FOR UPDATE. SQLite has no row locks; there the row
    // version still stops a second writer, which then fails its save instead of moving a contract twice.
    private const string TimedOutSql = """
        SELECT "Id" AS "Value" FROM contracts
        WHERE ("State" IN ({0}, {1}) AND "CreatedAt" < {2}) OR ("State" = {3} AND "ProgressAt" < {4})
        ORDER BY "StateSince" LIMIT {5}
        """;

    public Task<Contract?> FindAsync(ContractId id, CancellationToken cancellationToken) =>
        db.Contracts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public void Add(Contract contract) => db.Contracts.Add(contract);

    public async Task<IReadOnlyList<Contract>> LockTimedOutAsync(DateTimeOffset requestCutoff, DateTimeOffset provisioningCutoff, int limit, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQueryRaw<string>(
            options.UsesPostgres ? TimedOutSql + " FOR UPDATE SKIP LOCKED" : TimedOutSql,
            Requested, Pending, requestCutoff.UtcTicks, Provisioning, provisioningCutoff.UtcTicks, limit).ToListAsync(cancellationToken);
        var keys = ids.Select(id => ContractId.FromHex(id).Value).ToList();
        return await db.Contracts.Where(c => keys.Contains(c.Id)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Contract>> ListProvisionableAsync(ProviderId providerId, string poolName, int limit, CancellationToken cancellationToken) =>
        await db.Contracts
            .Where(c => (c.State == ContractState.Accepted || c.State == ContractState.Provisioning)
                && c.Terms.ProviderId == providerId && c.Terms.PoolName == poolName)
            .OrderBy(c => c.CreatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Contract>> ListPendingPasswordResetsAsync(ProviderId providerId, string poolName, int limit, CancellationToken cancellationToken) =>
        await db.Contracts
            .Where(c => c.PasswordReset == PasswordResetState.Requested && c.Terms.ProviderId == providerId && c.Terms.PoolName == poolName)
            .OrderBy(c => c.PasswordResetRequestedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Contract>> ListEndingAsync(DateTimeOffset after, DateTimeOffset until, int skip, int take, CancellationToken cancellationToken) =>
        await db.Contracts
            .Where(c => (c.State == ContractState.Provisioned || c.State == ContractState.Active) && c.EndsAt > after && c.EndsAt <= until)
            .OrderBy(c => c.EndsAt)
            .ThenBy(c => c.CreatedAt)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Contract>> FindManyAsync(IReadOnlyCollection<ContractId> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : await db.Contracts.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
}
