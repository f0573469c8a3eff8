using System.Linq.Expressions;
using DecentCloud.Application.Quality;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// Uptime and SLA days from the platform's checks. With rollups on, the whole hours the rollup job has covered are read
/// from <c>health_rollups</c> and only the ragged ends of a window from raw checks; with them off, raw checks only. Both
/// count the same checks, so both give the same figures.
/// </summary>
internal sealed class UptimeReader(DecentCloudDbContext db, IOptions<QualityOptions> options) : IUptimeReader, ISlaDayReader
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;

    public Task<UptimeFigures> ForContractAsync(ContractId contractId, DateTimeOffset now, CancellationToken cancellationToken) =>
        FiguresAsync(c => c.ContractId == contractId, r => r.ContractId == contractId, now, cancellationToken);

    public Task<UptimeFigures> ForOfferingAsync(Guid offeringId, DateTimeOffset now, CancellationToken cancellationToken) =>
        FiguresAsync(c => c.OfferingId == offeringId, r => r.OfferingId == offeringId, now, cancellationToken);

    public Task<UptimeFigures> ForProviderAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        FiguresAsync(c => c.ProviderId == providerId, r => r.ProviderId == providerId, now, cancellationToken);

    private async Task<UptimeFigures> FiguresAsync(
        Expression<Func<HealthCheck, bool>> checks, Expression<Func<HealthRollup, bool>> rollups, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rolledUntil = await RolledUntilAsync(cancellationToken);
        return new UptimeFigures(
            await WindowAsync(checks, rollups, now - TimeSpan.FromDays(1), now, rolledUntil, cancellationToken),
            await WindowAsync(checks, rollups, now - TimeSpan.FromDays(7), now, rolledUntil, cancellationToken),
            await WindowAsync(checks, rollups, now - TimeSpan.FromDays(30), now, rolledUntil, cancellationToken));
    }

    private async Task<DateTimeOffset> RolledUntilAsync(CancellationToken cancellationToken) =>
        !options.Value.ReadRollups
            ? DateTimeOffset.MinValue
            : await db.Set<HealthRollupCursorRow>().AsNoTracking().Where(c => c.Name == HealthRollupCursorRow.Health)
                .Select(c => (DateTimeOffset?)c.RolledUntil).SingleOrDefaultAsync(cancellationToken) ?? DateTimeOffset.MinValue;

    private async Task<UptimeWindow> WindowAsync(
        Expression<Func<HealthCheck, bool>> checks, Expression<Func<HealthRollup, bool>> rollups,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset rolledUntil, CancellationToken cancellationToken)
    {
        // The whole hours inside the window that a rollup holds: [first hour starting at or after from, rolled-until).
        var first = HealthRollup.HourOf(from) == from ? from : HealthRollup.HourOf(from) + TimeSpan.FromHours(1);
        var last = rolledUntil < HealthRollup.HourOf(to) ? rolledUntil : HealthRollup.HourOf(to);
        if (first >= last)
        {
            return await RawAsync(db.Set<HealthCheck>().Where(checks).Where(c => c.At >= from && c.At < to), cancellationToken);
        }

        var raw = await RawAsync(db.Set<HealthCheck>().Where(checks).Where(c => (c.At >= from && c.At < first) || (c.At >= last && c.At < to)), cancellationToken);
        var summed = await db.Set<HealthRollup>().AsNoTracking().Where(rollups).Where(r => r.HourStart >= first && r.HourStart < last)
            .GroupBy(r => 1)
            .Select(g => new { Healthy = g.Sum(r => (long)r.Healthy), Total = g.Sum(r => (long)r.Total) })
            .SingleOrDefaultAsync(cancellationToken);
        return raw + (summed is null ? UptimeWindow.Empty : new UptimeWindow(summed.Healthy, summed.Total));
    }

    private static async Task<UptimeWindow> RawAsync(IQueryable<HealthCheck> checks, CancellationToken cancellationToken)
    {
        var counts = await checks.AsNoTracking().Where(c => c.Source == CheckSource.Platform && c.Status != HealthStatus.Unknown)
            .GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return new UptimeWindow(counts.Where(c => c.Status == HealthStatus.Healthy).Sum(c => c.Count), counts.Sum(c => c.Count));
    }

    public async Task<IReadOnlyList<SlaDay>> ReadAsync(ProviderId providerId, DateOnly since, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rolledUntil = await RolledUntilAsync(cancellationToken);
        var split = rolledUntil > from ? rolledUntil : from;
        var days = new Dictionary<(ContractId Contract, long Day), DayCounts>();

        if (split > from)
        {
            var rolled = await db.Set<HealthRollup>().AsNoTracking()
                .Where(r => r.ProviderId == providerId && r.HourStart >= from && r.HourStart < split)
                .Select(r => new { r.ContractId, r.OfferingId, r.HourStart, r.Healthy, r.Total, r.ResponseOk })
                .ToListAsync(cancellationToken);
            foreach (var r in rolled)
            {
                Add(days, r.ContractId, r.OfferingId, r.HourStart.UtcTicks / TicksPerDay, r.Healthy, r.Total, r.ResponseOk);
            }
        }

        var raw = await db.Set<HealthCheck>().AsNoTracking()
            .Where(c => c.ProviderId == providerId && c.Source == CheckSource.Platform && c.At >= split && c.Status != HealthStatus.Unknown)
            .Select(c => new { c.ContractId, c.OfferingId, c.At, c.Status, c.ResponseOk })
            .ToListAsync(cancellationToken);
        foreach (var c in raw)
        {
            Add(days, c.ContractId, c.OfferingId, c.At.UtcTicks / TicksPerDay, c.Status == HealthStatus.Healthy ? 1 : 0, 1, c.ResponseOk ? 1 : 0);
        }

        var incidents = await db.Set<HealthIncident>().AsNoTracking()
            .Where(i => i.ProviderId == providerId && i.StartedAt >= from).Select(i => new { i.ContractId, i.StartedAt }).ToListAsync(cancellationToken);
        var incidentsByDay = incidents.GroupBy(i => (i.ContractId, i.StartedAt.UtcTicks / TicksPerDay)).ToDictionary(g => g.Key, g => g.Count());

        var offeringIds = days.Values.Where(d => d.OfferingId is not null).Select(d => d.OfferingId!.Value).Distinct().ToList();
        var targets = await db.Offerings.AsNoTracking().Where(o => offeringIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.SlaTargetBasisPoints, cancellationToken);
        return [.. days.Where(d => d.Value.Total > 0).OrderBy(d => d.Key.Contract.Hex).ThenBy(d => d.Key.Day).Select(d => new SlaDay(
            d.Key.Contract.Hex,
            DateOnly.FromDateTime(new DateTime(d.Key.Day * TicksPerDay, DateTimeKind.Utc)),
            d.Value.OfferingId is { } o && targets.TryGetValue(o, out var bp) && bp > 0 ? bp / 100m : options.Value.DefaultSlaTargetPercent,
            Math.Round(100m * d.Value.Healthy / d.Value.Total, 4),
            Math.Round(100m * d.Value.ResponseOk / d.Value.Total, 4),
            incidentsByDay.GetValueOrDefault((d.Key.Contract, d.Key.Day))))];
    }

    private static void Add(Dictionary<(ContractId, long), DayCounts> days, ContractId contract, Guid? offering, long day, long healthy, long total, long responseOk)
    {
        var counts = days.TryGetValue((contract, day), out var existing) ? existing : new DayCounts(offering);
        counts.Healthy += healthy;
        counts.Total += total;
        counts.ResponseOk += responseOk;
        days[(contract, day)] = counts;
    }

    private sealed class DayCounts(Guid? offeringId)
    {
        public Guid? OfferingId { get; } = offeringId;

        public long Healthy { get; set; }

        public long Total { get; set; }

        public long ResponseOk { get; set; }
    }
}
