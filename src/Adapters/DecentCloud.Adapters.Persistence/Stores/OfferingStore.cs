using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Marketplace;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class OfferingStore(DecentCloudDbContext db) : IOfferingStore
{
    public Task<Offering?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Offerings.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public void Add(Offering offering) => db.Offerings.Add(offering);

    public async Task<IReadOnlyList<Offering>> ListByProviderAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        await db.Offerings.Where(o => o.ProviderId == providerId)
            .OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Offering>> SearchAsync(OfferingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = db.Offerings.AsNoTracking().Where(o => o.State == OfferingState.Active && o.Reserved < o.Stock);
        if (query.MinCores is { } cores)
        {
            rows = rows.Where(o => o.Cores >= cores);
        }

        if (query.MinMemoryMb is { } memory)
        {
            rows = rows.Where(o => o.MemoryMb >= memory);
        }

        if (query.MinStorageGb is { } storage)
        {
            rows = rows.Where(o => o.StorageGb >= storage);
        }

        if (query.Country is { } country)
        {
            rows = rows.Where(o => o.Country == country);
        }

        if (query.Backend is { } backend)
        {
            rows = rows.Where(o => o.Backend == backend);
        }

        if (query.MaxMonthlyPrice is { } max)
        {
            var nano = max.NanoUsd;
            rows = rows.Where(o => EF.Property<long>(o, OfferingConfiguration.MonthlyPriceColumn) <= nano);
        }

        rows = query.Sort switch
        {
            OfferingSort.PriceDescending => rows.OrderByDescending(o => EF.Property<long>(o, OfferingConfiguration.MonthlyPriceColumn)).ThenBy(o => o.Id),
            OfferingSort.Newest => rows.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id),
            // The stored scores (the recompute-scores job); a provider without one, or without enough data, sorts last.
            OfferingSort.TrustDescending => rows
                .OrderByDescending(o => db.Set<ProviderScoreRow>().Where(s => s.ProviderId == o.ProviderId && s.ComputedAt != null).Select(s => s.Trust).FirstOrDefault() ?? -1)
                .ThenBy(o => EF.Property<long>(o, OfferingConfiguration.MonthlyPriceColumn)).ThenBy(o => o.Id),
            OfferingSort.ReliabilityDescending => rows
                .OrderByDescending(o => db.Set<ProviderScoreRow>().Where(s => s.ProviderId == o.ProviderId && s.ComputedAt != null).Select(s => (int?)s.ReliabilityHundredths).FirstOrDefault() ?? -1)
                .ThenBy(o => EF.Property<long>(o, OfferingConfiguration.MonthlyPriceColumn)).ThenBy(o => o.Id),
            _ => rows.OrderBy(o => EF.Property<long>(o, OfferingConfiguration.MonthlyPriceColumn)).ThenBy(o => o.Id),
        };

        // One row past the page tells the caller whether a next page exists.
        return await rows.Skip(query.Offset).Take(query.Limit + 1).ToListAsync(cancellationToken);
    }

    public async Task<bool> TryReserveAsync(Guid offeringId, CancellationToken cancellationToken)
    {
        // One conditional UPDATE: the database decides, so concurrent reservations on any number of instances can never
        // take more than the stock (the CHECK constraint would refuse it anyway).
        var updated = await db.Offerings
            .Where(o => o.Id == offeringId && o.State == OfferingState.Active && o.Reserved < o.Stock)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Reserved, o => o.Reserved + 1)
                .SetProperty(o => EF.Property<long>(o, Versioning.Property), o => EF.Property<long>(o, Versioning.Property) + 1),
                cancellationToken);
        return updated == 1;
    }

    public async Task<bool> ReleaseAsync(Guid offeringId, CancellationToken cancellationToken)
    {
        var updated = await db.Offerings
            .Where(o => o.Id == offeringId && o.Reserved > 0)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Reserved, o => o.Reserved - 1)
                .SetProperty(o => EF.Property<long>(o, Versioning.Property), o => EF.Property<long>(o, Versioning.Property) + 1),
                cancellationToken);
        return updated == 1;
    }
}
