using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class AgentDelegationStore(DecentCloudDbContext db) : IAgentDelegationStore
{
    public Task<AgentDelegation?> FindAsync(AgentPublicKey agentKey, CancellationToken cancellationToken) =>
        db.Delegations.SingleOrDefaultAsync(d => d.AgentKey == agentKey, cancellationToken);

    public void Add(AgentDelegation delegation) => db.Delegations.Add(delegation);

    public async Task<IReadOnlyList<AgentDelegation>> ListAsync(ProviderId? providerId, CancellationToken cancellationToken) =>
        await (providerId is null ? db.Delegations : db.Delegations.Where(d => d.ProviderId == providerId))
            .OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
}
