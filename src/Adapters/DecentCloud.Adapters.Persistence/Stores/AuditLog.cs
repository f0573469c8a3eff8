using DecentCloud.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>Writes audit entries straight to their table, independent of the request's pending changes.</summary>
internal sealed class AuditLog(DecentCloudDbContext db) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO audit_entries (at, action, outcome, actor, subject, client_address) VALUES ({entry.At.UtcTicks}, {Cut(entry.Action, 128)}, {Cut(entry.Outcome, 64)}, {Cut(entry.Actor, 128)}, {Cut(entry.Subject, 256)}, {Cut(entry.ClientAddress, 64)})",
            cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        var rows = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(count).ToListAsync(cancellationToken);
        return rows.Select(r => new AuditEntry(new DateTimeOffset(r.At, TimeSpan.Zero), r.Action, r.Outcome, r.Actor, r.Subject, r.ClientAddress)).ToArray();
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
