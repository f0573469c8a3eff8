using DecentCloud.Application.Releases;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Releases;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class ReleaseStore(DecentCloudDbContext db, PersistenceOptions options) : IReleaseStore
{
    // Row locks need raw SQL: EF cannot compose FOR UPDATE. SQLite has one writer at a time (its transactions begin
    // IMMEDIATE), and there the escrow's row version and the releases' unique index still stop a second writer.
    private const string DueSql = """
        SELECT "ContractId" AS "Value" FROM rental_escrows
        WHERE "ReleasedNanoUsd" + "RefundedNanoUsd" < "PaidNanoUsd" AND ("ReleasedUntil" <= {0} OR "EndsAt" <= {1})
        ORDER BY "ReleasedUntil" LIMIT {2}
        """;

    public Task<RentalEscrow?> FindEscrowAsync(ContractId contractId, CancellationToken cancellationToken) =>
        db.RentalEscrows.SingleOrDefaultAsync(e => e.ContractId == contractId, cancellationToken);

    public void AddEscrow(RentalEscrow escrow) => db.RentalEscrows.Add(escrow);

    public void AddRelease(PaymentRelease release) => db.PaymentReleases.Add(release);

    public async Task<IReadOnlyList<Contract>> ListRunningWithoutEscrowAsync(int limit, CancellationToken cancellationToken) =>
        await db.Contracts
            .Where(c => c.RentalOfferingId != null && c.ProvisionedAt != null
                && (c.State == ContractState.Provisioned || c.State == ContractState.Active || c.State == ContractState.Paused)
                && !db.RentalEscrows.Any(e => e.ContractId == c.Id))
            .OrderBy(c => c.ProvisionedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<RentalEscrow>> LockDueAsync(DateTimeOffset releasedBefore, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQueryRaw<string>(
            options.UsesPostgres ? DueSql + " FOR UPDATE SKIP LOCKED" : DueSql,
            releasedBefore.UtcTicks, now.UtcTicks, limit).ToListAsync(cancellationToken);
        var keys = ids.Select(id => ContractId.FromHex(id).Value).ToList();
        return keys.Count == 0 ? [] : await db.RentalEscrows.Where(e => keys.Contains(e.ContractId)).ToListAsync(cancellationToken);
    }
}
