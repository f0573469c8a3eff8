using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Marketplace;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class ProviderProfileStore(DecentCloudDbContext db) : IProviderProfileStore
{
    public Task<ProviderProfile?> FindAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.ProviderProfiles.SingleOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);

    public void Add(ProviderProfile profile) => db.ProviderProfiles.Add(profile);
}
