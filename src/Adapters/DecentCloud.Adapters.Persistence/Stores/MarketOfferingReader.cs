using DecentCloud.Application.Signals;
using DecentCloud.Domain.Marketplace;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>Reads the offerings of one size class (the index on state, cores, memory, storage serves it).</summary>
internal sealed class MarketOfferingReader(DecentCloudDbContext db) : IMarketOfferingReader
{
    public async Task<IReadOnlyList<Offering>> ListSameSizeAsync(MarketClass marketClass, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marketClass);
        var (minCores, maxCores) = marketClass.CoresRange;
        var (minMemory, maxMemory) = marketClass.MemoryMbRange;
        var (minStorage, maxStorage) = marketClass.StorageGbRange;
        return await db.Offerings.AsNoTracking()
            .Where(o => o.State != OfferingState.Retired
                        && o.Cores >= minCores && o.Cores <= maxCores
                        && o.MemoryMb >= minMemory && o.MemoryMb <= maxMemory
                        && o.StorageGb >= minStorage && o.StorageGb <= maxStorage)
            .OrderBy(o => o.Id).Take(limit).ToListAsync(cancellationToken);
    }
}
