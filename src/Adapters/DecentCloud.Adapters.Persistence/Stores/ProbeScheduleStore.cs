using DecentCloud.Application.Quality;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class ProbeScheduleStore(DecentCloudDbContext db, PersistenceOptions options) : IProbeScheduleStore
{
    private static readonly string Provisioned = ContractState.Provisioned.ToWireName();
    private static readonly string Active = ContractState.Active.ToWireName();

    private const string ScheduleSql = """
        INSERT INTO probe_schedule ("ContractId", "DueAt")
        SELECT c."Id", {0} FROM contracts c
        WHERE c."State" IN ({1}, {2}) AND NOT EXISTS (SELECT 1 FROM probe_schedule p WHERE p."ContractId" = c."Id")
        ON CONFLICT ("ContractId") DO NOTHING
        """;

    // A contract that left provisioned/active has no more probes to lease; its checks stay where they are.
    private const string UnscheduleSql = """
        DELETE FROM probe_schedule WHERE NOT EXISTS (
            SELECT 1 FROM contracts c WHERE c."Id" = probe_schedule."ContractId" AND c."State" IN ({0}, {1}))
        """;

    // Row locks need raw SQL: EF cannot compose FOR UPDATE. SQLite has one writer at a time (its transactions begin
    // IMMEDIATE), so there the select and the move below cannot interleave with another instance's.
    private const string DueSql = """
        SELECT p."ContractId" AS "Value" FROM probe_schedule p JOIN contracts c ON c."Id" = p."ContractId"
        WHERE p."DueAt" <= {0} AND c."State" IN ({1}, {2})
        ORDER BY p."DueAt" LIMIT {3}
        """;

    public async Task<int> ScheduleNewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(UnscheduleSql, [Provisioned, Active], cancellationToken);
        return await db.Database.ExecuteSqlRawAsync(ScheduleSql, [now.UtcTicks, Provisioned, Active], cancellationToken);
    }

    public async Task<IReadOnlyList<ProbeSchedule>> LockDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var hex = await db.Database.SqlQueryRaw<string>(
            options.UsesPostgres ? DueSql + " FOR UPDATE OF p SKIP LOCKED" : DueSql,
            now.UtcTicks, Provisioned, Active, limit).ToListAsync(cancellationToken);
        var ids = hex.Select(h => ContractId.FromHex(h).Value).ToList();
        return ids.Count == 0 ? [] : await db.Set<ProbeSchedule>().Where(p => ids.Contains(p.ContractId)).ToListAsync(cancellationToken);
    }
}
