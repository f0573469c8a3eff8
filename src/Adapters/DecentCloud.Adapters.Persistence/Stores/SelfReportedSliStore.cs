using DecentCloud.Application.Quality;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class SelfReportedSliStore(DecentCloudDbContext db) : ISelfReportedSliStore
{
    public Task<SelfReportedSli?> FindAsync(Guid offeringId, DateOnly day, CancellationToken cancellationToken) =>
        db.Set<SelfReportedSli>().SingleOrDefaultAsync(s => s.OfferingId == offeringId && s.Day == day, cancellationToken);

    public void Add(SelfReportedSli report) => db.Set<SelfReportedSli>().Add(report);

    public async Task<IReadOnlyList<SelfReportedSli>> ListAsync(Guid offeringId, DateOnly since, CancellationToken cancellationToken) =>
        await db.Set<SelfReportedSli>().AsNoTracking().Where(s => s.OfferingId == offeringId && s.Day >= since).OrderBy(s => s.Day).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SelfReportedSli>> ListForProviderAsync(ProviderId providerId, DateOnly since, CancellationToken cancellationToken) =>
        await db.Set<SelfReportedSli>().AsNoTracking().Where(s => s.ProviderId == providerId && s.Day >= since)
            .OrderBy(s => s.OfferingId).ThenBy(s => s.Day).ToListAsync(cancellationToken);
}
