using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class AcmeDnsAccountStore(DecentCloudDbContext db) : IAcmeDnsAccountStore
{
    public Task<AcmeDnsAccount?> FindByDcIdAsync(DcId dcId, CancellationToken cancellationToken) =>
        db.AcmeDnsAccounts.SingleOrDefaultAsync(a => a.DcId == dcId, cancellationToken);

    public Task<AcmeDnsAccount?> FindByUsernameAsync(Guid username, CancellationToken cancellationToken) =>
        db.AcmeDnsAccounts.SingleOrDefaultAsync(a => a.Username == username, cancellationToken);

    public async Task<IReadOnlyList<AcmeDnsAccount>> ListByProviderAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        await db.AcmeDnsAccounts.Where(a => a.ProviderId == providerId).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AcmeDnsAccount>> ListAllAsync(CancellationToken cancellationToken) =>
        await db.AcmeDnsAccounts.OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);

    public void Add(AcmeDnsAccount account) => db.AcmeDnsAccounts.Add(account);
}

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

internal sealed class VmAddressRecordStore(DecentCloudDbContext db) : IVmAddressRecordStore
{
    public Task<VmAddressRecord?> FindAsync(DcId dcId, VmSlug slug, CancellationToken cancellationToken) =>
        db.VmAddressRecords.SingleOrDefaultAsync(r => r.DcId == dcId && r.Slug == slug, cancellationToken);

    public void Add(VmAddressRecord record) => db.VmAddressRecords.Add(record);

    public void Remove(VmAddressRecord record) => db.VmAddressRecords.Remove(record);
}
