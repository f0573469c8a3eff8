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
