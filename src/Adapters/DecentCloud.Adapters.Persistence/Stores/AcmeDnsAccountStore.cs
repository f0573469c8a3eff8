using DecentCloud.Adapters.Persistence.Configurations;
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

    // Marking the row version modified makes the save bump it with "WHERE Version = <read>", so the database refuses the
    // save when a revocation or rotation committed meanwhile (and, on PostgreSQL, holds the row until this commit).
    public void RequireUnchangedAtSave(AcmeDnsAccount account) =>
        db.Entry(account).Property(Versioning.Property).IsModified = true;

    public Task<int> CountByProviderAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        db.AcmeDnsAccounts.CountAsync(a => a.ProviderId == providerId, cancellationToken);

    public Task<GatewayQuota?> FindQuotaAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        db.Set<GatewayQuota>().SingleOrDefaultAsync(q => q.ProviderId == providerId, cancellationToken);

    public void AddQuota(GatewayQuota quota) => db.Set<GatewayQuota>().Add(quota);
}
