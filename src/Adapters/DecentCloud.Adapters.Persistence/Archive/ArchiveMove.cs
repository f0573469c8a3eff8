using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Archive;

/// <summary>
/// Moves one contract's rows of one hot table into its archive table: every column copied as it is, plus when it was
/// archived (and, for payment records, until when it must be kept). The copy and the removal run in the caller's
/// transaction and must agree row for row, or the whole contract's transaction fails: a row is never removed unless
/// its copy is in the archive.
/// </summary>
internal static class ArchiveMove
{
    private static readonly ConcurrentDictionary<(string ArchiveTable, bool Postgres), Statements> Cache = new();

    public static async Task<int> RunAsync(
        DecentCloudDbContext db, ArchiveMirror mirror, bool postgres, string contractHex, DateTimeOffset archivedAt, DateTimeOffset retainUntil,
        CancellationToken cancellationToken)
    {
        var sql = Cache.GetOrAdd((mirror.ArchiveTable, postgres), key => Build(db, mirror, key.Postgres));
        if (postgres)
        {
            // One statement: the rows deleted are exactly the rows inserted, whatever commits around it.
            return await db.Database.ExecuteSqlRawAsync(sql.Move, [contractHex, archivedAt.UtcTicks, retainUntil.UtcTicks], cancellationToken);
        }

        // SQLite has one writer at a time, so nothing can add a row between the copy and the removal; the counts are
        // still compared, so a mistake here fails the contract's transaction instead of losing a row.
        var copied = await db.Database.ExecuteSqlRawAsync(sql.Move, [contractHex, archivedAt.UtcTicks, retainUntil.UtcTicks], cancellationToken);
        var removed = await db.Database.ExecuteSqlRawAsync(sql.Remove!, [contractHex], cancellationToken);
        if (copied != removed)
        {
            throw new InvalidOperationException(
                $"archiving contract {contractHex}: copied {copied} rows of {mirror.Table} but removed {removed}; nothing was archived");
        }

        return copied;
    }

    private static Statements Build(DecentCloudDbContext db, ArchiveMirror mirror, bool postgres)
    {
        var model = db.Model.GetRelationalModel();
        var hot = model.FindTable(mirror.Table, null)?.Columns.Select(c => c.Name).ToList()
            ?? throw new InvalidOperationException($"no table {mirror.Table} in the model");
        var archive = model.FindTable(mirror.ArchiveTable, null)?.Columns.Select(c => c.Name).ToList()
            ?? throw new InvalidOperationException($"no table {mirror.ArchiveTable} in the model");
        var extra = archive.Except(hot).ToList();
        var values = extra.Select(c => c switch
        {
            ArchiveTables.ArchivedAt => "{1}",
            ArchiveTables.RetainUntil => "{2}",
            _ => throw new InvalidOperationException($"{mirror.ArchiveTable}.{c} has no value when a row is archived"),
        }).ToList();
        var missing = hot.Except(archive).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{mirror.ArchiveTable} lacks {string.Join(", ", missing)} of {mirror.Table}");
        }

        var columns = string.Join(", ", hot.Concat(extra).Select(Quote));
        var selected = string.Join(", ", hot.Select(Quote).Concat(values));
        var where = $"{Quote(mirror.ContractColumn)} = {{0}}";
        return postgres
            ? new Statements(
                $"WITH moved AS (DELETE FROM {Quote(mirror.Table)} WHERE {where} RETURNING *) INSERT INTO {Quote(mirror.ArchiveTable)} ({columns}) SELECT {selected} FROM moved",
                null)
            : new Statements(
                $"INSERT INTO {Quote(mirror.ArchiveTable)} ({columns}) SELECT {selected} FROM {Quote(mirror.Table)} WHERE {where}",
                $"DELETE FROM {Quote(mirror.Table)} WHERE {where}");
    }

    private static string Quote(string name) => "\"" + name + "\"";

    private sealed record Statements(string Move, string? Remove);
}
