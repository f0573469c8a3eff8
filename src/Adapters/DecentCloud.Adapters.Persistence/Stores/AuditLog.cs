using DecentCloud.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// The audit trail, written through the request's own context and transaction: an entry is committed together
/// with the change it describes (or alone, for a refusal that changed nothing) before the command returns, so an
/// acknowledged request always has its entry, whatever happens to the process afterwards. A flood of refusals costs
/// one small insert each; <see cref="PruneAsync"/> bounds how many of them the table keeps.
/// </summary>
internal sealed class AuditLog(DecentCloudDbContext db, HeldTransaction held) : IAuditLog
{
    /// <summary>The outcome of a successful command; every other outcome is a refusal.</summary>
    private const string Ok = "ok";

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Whatever the command left unsaved (a refused change, a failed attempt) was never meant to be stored.
        db.ChangeTracker.Clear();
        db.Audit.Add(ToRow(entry));
        await held.SaveAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        var rows = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(count).ToListAsync(cancellationToken);
        return rows.Select(r => new AuditEntry(new DateTimeOffset(r.At, TimeSpan.Zero), r.Action, r.Outcome, r.Actor, r.Subject, r.ClientAddress)).ToArray();
    }

    public async Task<int> PruneAsync(DateTimeOffset cutoff, int keepRefusals, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepRefusals);
        var ticks = cutoff.UtcTicks;
        var deleted = await db.Audit.Where(a => a.At < ticks).ExecuteDeleteAsync(cancellationToken);

        // Ids grow with time, so the newest refusals are the highest ids; everything at or below the first one
        // past the quota goes.
        var oldestKept = await db.Audit.Where(a => a.Outcome != Ok).OrderByDescending(a => a.Id).Skip(keepRefusals)
            .Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } bound)
        {
            deleted += await db.Audit.Where(a => a.Outcome != Ok && a.Id <= bound).ExecuteDeleteAsync(cancellationToken);
        }

        return deleted;
    }

    private static AuditRow ToRow(AuditEntry entry) => new()
    {
        At = entry.At.UtcTicks,
        Action = Cut(entry.Action, 128)!,
        Outcome = Cut(entry.Outcome, 64)!,
        Actor = Cut(entry.Actor, 128)!,
        Subject = Cut(entry.Subject, 256)!,
        ClientAddress = Cut(entry.ClientAddress, 64),
    };

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
