using DecentCloud.Application.Dns;
using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class VmAddressRecordStore(DecentCloudDbContext db) : IVmAddressRecordStore
{
    public Task<VmAddressRecord?> FindAsync(DcId dcId, VmSlug slug, CancellationToken cancellationToken) =>
        db.VmAddressRecords.SingleOrDefaultAsync(r => r.DcId == dcId && r.Slug == slug, cancellationToken);

    public void Add(VmAddressRecord record) => db.VmAddressRecords.Add(record);

    public void Remove(VmAddressRecord record) => db.VmAddressRecords.Remove(record);
}
