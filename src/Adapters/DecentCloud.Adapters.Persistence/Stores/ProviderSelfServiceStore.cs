using DecentCloud.Application.ProviderSelfService;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class ProviderSelfServiceStore(DecentCloudDbContext db) : IProviderSelfServiceStore
{
    public async Task<IReadOnlyList<AgentPool>> ListPoolsAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        await db.Pools.Where(p => p.ProviderId == providerId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Name).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SetupToken>> ListSetupTokensAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        var pools = db.Pools.Where(p => p.ProviderId == providerId).Select(p => p.Id);
        return await db.SetupTokens.Where(t => pools.Contains(t.PoolId)).OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
    }

    public Task<SetupToken?> FindSetupTokenAsync(Guid id, CancellationToken cancellationToken) =>
        db.SetupTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    public void RemoveSetupToken(SetupToken token) => db.SetupTokens.Remove(token);

    public async Task<IReadOnlyList<Contract>> ListContractsAsync(
        ProviderId providerId, ContractState? state, int offset, int limit, CancellationToken cancellationToken)
    {
        var query = db.Contracts.Where(c => c.Terms.ProviderId == providerId);
        if (state is { } wanted)
        {
            query = query.Where(c => c.State == wanted);
        }

        return await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
    }
}
