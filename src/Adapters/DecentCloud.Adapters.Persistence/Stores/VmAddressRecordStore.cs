using DecentCloud.Application.Dns;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class VmAddressRecordStore(DecentCloudDbContext db) : IVmAddressRecordStore
{
    public Task<VmAddressRecord?> FindAsync(DcId dcId, VmSlug slug, CancellationToken cancellationToken) =>
        db.VmAddressRecords.SingleOrDefaultAsync(r => r.DcId == dcId && r.Slug == slug, cancellationToken);

    public Task<string?> FindCommittedAddressAsync(DcId dcId, VmSlug slug, CancellationToken cancellationToken) =>
        db.VmAddressRecords.AsNoTracking().Where(r => r.DcId == dcId && r.Slug == slug).Select(r => r.Address).SingleOrDefaultAsync(cancellationToken);

    public Task<VmAddressRecord?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken) =>
        db.VmAddressRecords.SingleOrDefaultAsync(r => r.ContractId == contractId, cancellationToken);

    public async Task<IReadOnlyList<VmNameEntry>> ListAsync(DcId dcId, int limit, CancellationToken cancellationToken)
    {
        var records = await db.VmAddressRecords.AsNoTracking().Where(r => r.DcId == dcId).OrderBy(r => r.Slug).Take(limit).ToListAsync(cancellationToken);
        var contractIds = records.Where(r => r.ContractId is not null).Select(r => r.ContractId!).Distinct().ToList();
        var states = contractIds.Count == 0
            ? []
            : await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).Select(c => new { c.Id, c.State }).ToDictionaryAsync(c => c.Id, c => c.State, cancellationToken);
        return [.. records.Select(r => new VmNameEntry(r, r.ContractId is { } id && states.TryGetValue(id, out var state) ? state : null))];
    }

    public void Add(VmAddressRecord record) => db.VmAddressRecords.Add(record);

    public void Remove(VmAddressRecord record) => db.VmAddressRecords.Remove(record);
}
