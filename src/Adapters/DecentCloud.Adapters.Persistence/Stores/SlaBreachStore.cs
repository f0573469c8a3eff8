using DecentCloud.Application.Quality;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class SlaBreachStore(DecentCloudDbContext db) : ISlaBreachStore
{
    public async Task<IReadOnlyList<ContractDayUptime>> UptimeByContractAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var counts = await db.Set<HealthCheck>().AsNoTracking()
            .Where(c => c.Source == CheckSource.Platform && c.At >= from && c.At < until && c.Status != HealthStatus.Unknown)
            .Where(c => db.Contracts.Any(k => k.Id == c.ContractId && (k.State == ContractState.Provisioned || k.State == ContractState.Active)))
            .GroupBy(c => new { c.ContractId, c.ProviderId, c.OfferingId, c.Status })
            .Select(g => new { g.Key.ContractId, g.Key.ProviderId, g.Key.OfferingId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return [.. counts.GroupBy(c => c.ContractId).Select(g => new ContractDayUptime(
            g.Key, g.First().ProviderId, g.First().OfferingId,
            new UptimeWindow(g.Where(c => c.Status == HealthStatus.Healthy).Sum(c => c.Count), g.Sum(c => c.Count))))];
    }

    public async Task<IReadOnlyDictionary<Guid, int>> SlaTargetsAsync(IReadOnlyCollection<Guid> offeringIds, CancellationToken cancellationToken) =>
        offeringIds.Count == 0
            ? new Dictionary<Guid, int>()
            : await db.Offerings.AsNoTracking().Where(o => offeringIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.SlaTargetBasisPoints, cancellationToken);

    public async Task<IReadOnlySet<ContractId>> BreachedInHourAsync(DateTimeOffset hour, CancellationToken cancellationToken) =>
        (await db.Set<SlaBreach>().AsNoTracking().Where(b => b.Hour == hour).Select(b => b.ContractId).ToListAsync(cancellationToken)).ToHashSet();

    public void Add(SlaBreach breach) => db.Set<SlaBreach>().Add(breach);

    public async Task<IReadOnlyList<SlaBreach>> ListAsync(ContractId contractId, int limit, CancellationToken cancellationToken) =>
        await db.Set<SlaBreach>().AsNoTracking().Where(b => b.ContractId == contractId).OrderByDescending(b => b.Hour).Take(limit).ToListAsync(cancellationToken);
}
