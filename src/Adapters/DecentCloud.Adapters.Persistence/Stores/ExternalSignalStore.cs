using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Signals;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>Imported signals on EF Core, and the per-source claim row that lets one instance import a source per interval.</summary>
internal sealed class ExternalSignalStore(DecentCloudDbContext db) : IExternalSignalStore
{
    public async Task<bool> TryClaimAsync(string source, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken)
    {
        // One conditional UPDATE: of two instances due at once, only the first moves LastAttemptAt past the cutoff.
        var cutoff = now - interval;
        var claimed = await db.ExternalSignalImports.Where(r => r.Source == source && r.LastAttemptAt <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastAttemptAt, now), cancellationToken);
        if (claimed == 1)
        {
            return true;
        }

        if (await db.ExternalSignalImports.AsNoTracking().AnyAsync(r => r.Source == source, cancellationToken))
        {
            return false;
        }

        // A source's first import: the primary key lets only one instance's row in.
        var row = new ExternalSignalImportRow { Source = source, LastAttemptAt = now };
        db.ExternalSignalImports.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
    }

    public Task RecordOutcomeAsync(string source, DateTimeOffset at, int stored, string? error, CancellationToken cancellationToken) =>
        db.ExternalSignalImports.Where(r => r.Source == source).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.LastFinishedAt, at)
            .SetProperty(r => r.LastStored, stored)
            .SetProperty(r => r.LastError, error == null ? null : BenchmarkStore.Fit(error, SignalColumns.Error)), cancellationToken);

    public async Task<int> AddNewAsync(IReadOnlyList<ExternalSignal> signals, DateTimeOffset importedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            return 0;
        }

        var rows = signals.Select(s => new ExternalSignalRow
        {
            Id = Guid.CreateVersion7(importedAt),
            Source = s.Source,
            ProviderId = s.ProviderId,
            Kind = s.Kind,
            Subject = BenchmarkStore.Fit(s.Subject, SignalColumns.Subject),
            Metric = BenchmarkStore.Fit(s.Metric, SignalColumns.Metric),
            Value = s.Value,
            Unit = BenchmarkStore.Fit(s.Unit, SignalColumns.Unit),
            Context = BenchmarkStore.Fit(s.Context, SignalColumns.Context),
            ObservedAt = s.ObservedAt,
            ImportedAt = importedAt,
        }).ToList();

        // Read the keys already stored for these sources and times, so a re-import adds only what is new.
        var sources = rows.Select(r => r.Source).Distinct().ToList();
        var from = rows.Min(r => r.ObservedAt);
        var to = rows.Max(r => r.ObservedAt);
        var existing = (await db.ExternalSignals.AsNoTracking()
                .Where(r => sources.Contains(r.Source) && r.ObservedAt >= from && r.ObservedAt <= to)
                .Select(r => new { r.Source, r.Subject, r.Metric, r.Context, r.ObservedAt })
                .ToListAsync(cancellationToken))
            .Select(k => (k.Source, k.Subject, k.Metric, k.Context, k.ObservedAt))
            .ToHashSet();
        var fresh = rows.Where(r => existing.Add((r.Source, r.Subject, r.Metric, r.Context, r.ObservedAt))).ToList();
        db.ExternalSignals.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken);
        return fresh.Count;
    }

    public async Task<IReadOnlyList<ExternalSignalImportStatus>> ListImportsAsync(CancellationToken cancellationToken) =>
        [.. (await db.ExternalSignalImports.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(r => r.Source, StringComparer.Ordinal)
            .Select(r => new ExternalSignalImportStatus(r.Source, r.LastAttemptAt, r.LastFinishedAt, r.LastStored, r.LastError))];

    public async Task<IReadOnlyList<ExternalSignal>> ListLatestAsync(ProviderId providerId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        var provider = providerId.Value;
        var rows = await db.ExternalSignals.AsNoTracking().Where(r => r.ProviderId == provider && r.ObservedAt >= since).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => (r.Source, r.Subject, r.Metric, r.Context))
            .Select(g => g.OrderByDescending(r => r.ObservedAt).First())
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Subject, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal)
            .Select(r => new ExternalSignal(r.Source, r.ProviderId, r.Kind, r.Subject, r.Metric, r.Value, r.Unit, r.Context.Length == 0 ? null : r.Context, r.ObservedAt))];
    }
}
