using DecentCloud.Application.Quality;
using DecentCloud.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class HealthRollupStore(DecentCloudDbContext db, PersistenceOptions options) : IHealthRollupStore
{
    private const string CreateCursorSql = """
        INSERT INTO health_rollup_cursors ("Name", "RolledUntil") VALUES ({0}, 0) ON CONFLICT ("Name") DO NOTHING
        """;

    // Row locks need raw SQL: EF cannot compose FOR UPDATE. SQLite has one writer at a time, which serialises runs there.
    private const string CursorSql = """SELECT "RolledUntil" AS "Value" FROM health_rollup_cursors WHERE "Name" = {0}""";

    // One statement per run: the hour of a check is its UTC ticks rounded down to a multiple of an hour's ticks, the
    // same arithmetic on both databases. A contract's provider and offering never change, so grouping by them is free.
    private const string RollUpSql = """
        INSERT INTO health_rollups ("ContractId", "HourStart", "ProviderId", "OfferingId", "Healthy", "Total", "ResponseOk", "Unknown")
        SELECT "ContractId", "At" - ("At" % 36000000000), "ProviderId", "OfferingId",
            SUM(CASE WHEN "Status" = 'Healthy' THEN 1 ELSE 0 END),
            SUM(CASE WHEN "Status" <> 'Unknown' THEN 1 ELSE 0 END),
            SUM(CASE WHEN "ResponseOk" THEN 1 ELSE 0 END),
            SUM(CASE WHEN "Status" = 'Unknown' THEN 1 ELSE 0 END)
        FROM health_checks
        WHERE "Source" = 'Platform' AND "At" >= {0} AND "At" < {1}
        GROUP BY "ContractId", "At" - ("At" % 36000000000), "ProviderId", "OfferingId"
        """;

    private const string MoveCursorSql = """UPDATE health_rollup_cursors SET "RolledUntil" = {0} WHERE "Name" = {1}""";

    public async Task<DateTimeOffset?> TakeCursorAsync(CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(CreateCursorSql, [HealthRollupCursorRow.Health], cancellationToken);
        var held = await db.Database.SqlQueryRaw<long>(options.UsesPostgres ? CursorSql + " FOR UPDATE SKIP LOCKED" : CursorSql, HealthRollupCursorRow.Health)
            .ToListAsync(cancellationToken);
        return held.Count == 0 ? null : new DateTimeOffset(held[0], TimeSpan.Zero);
    }

    public async Task<DateTimeOffset?> EarliestCheckAsync(CancellationToken cancellationToken) =>
        await db.Set<HealthCheck>().Where(c => c.Source == CheckSource.Platform)
            .OrderBy(c => c.At).Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(cancellationToken);

    public async Task<int> RollUpAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var written = await db.Database.ExecuteSqlRawAsync(RollUpSql, [from.UtcTicks, until.UtcTicks], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(MoveCursorSql, [until.UtcTicks, HealthRollupCursorRow.Health], cancellationToken);
        return written;
    }

    public async Task<DateTimeOffset> RolledUntilAsync(CancellationToken cancellationToken) =>
        await db.Set<HealthRollupCursorRow>().AsNoTracking().Where(c => c.Name == HealthRollupCursorRow.Health)
            .Select(c => (DateTimeOffset?)c.RolledUntil).SingleOrDefaultAsync(cancellationToken) ?? DateTimeOffset.MinValue;

    public Task<int> PruneRawAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Set<HealthCheck>().Where(c => c.At < cutoff).ExecuteDeleteAsync(cancellationToken);
}
