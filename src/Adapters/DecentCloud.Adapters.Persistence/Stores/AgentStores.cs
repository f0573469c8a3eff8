using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class AgentPoolStore(DecentCloudDbContext db) : IAgentPoolStore
{
    public Task<AgentPool?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        db.Pools.SingleOrDefaultAsync(p => p.Name == name, cancellationToken);

    public Task<AgentPool?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Pools.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    public void Add(AgentPool pool) => db.Pools.Add(pool);
}

internal sealed class SetupTokenStore(DecentCloudDbContext db) : ISetupTokenStore
{
    public Task<SetupToken?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        db.SetupTokens.SingleOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public void Add(SetupToken token) => db.SetupTokens.Add(token);
}

internal sealed class AgentDelegationStore(DecentCloudDbContext db) : IAgentDelegationStore
{
    public Task<AgentDelegation?> FindAsync(AgentPublicKey agentKey, CancellationToken cancellationToken) =>
        db.Delegations.SingleOrDefaultAsync(d => d.AgentKey == agentKey, cancellationToken);

    public void Add(AgentDelegation delegation) => db.Delegations.Add(delegation);

    public async Task<IReadOnlyList<AgentDelegation>> ListAsync(ProviderId? providerId, CancellationToken cancellationToken) =>
        await (providerId is null ? db.Delegations : db.Delegations.Where(d => d.ProviderId == providerId))
            .OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
}
