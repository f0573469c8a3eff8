using DecentCloud.Application.AcmeDns;
using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class AcmeTxtRecordStore(DecentCloudDbContext db) : IAcmeTxtRecordStore
{
    public Task<AcmeTxtRecord?> FindAsync(DcId dcId, CancellationToken cancellationToken) =>
        db.AcmeTxtRecords.SingleOrDefaultAsync(r => r.DcId == dcId, cancellationToken);

    public async Task<IReadOnlyList<AcmeTxtRecord>> ListWithValuesOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        await db.AcmeTxtRecords
            .Where(r => (r.LatestSetAt != null && r.LatestSetAt < cutoff) || (r.PreviousSetAt != null && r.PreviousSetAt < cutoff))
            .ToListAsync(cancellationToken);

    public void Add(AcmeTxtRecord record) => db.AcmeTxtRecords.Add(record);
}
