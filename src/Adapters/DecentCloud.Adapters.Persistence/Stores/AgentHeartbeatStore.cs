using DecentCloud.Application.AgentProtocol;
using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class AgentHeartbeatStore(DecentCloudDbContext db) : IAgentHeartbeatStore
{
    public Task<AgentHeartbeat?> FindAsync(AgentPublicKey agentKey, CancellationToken cancellationToken) =>
        db.Heartbeats.SingleOrDefaultAsync(h => h.AgentKey == agentKey, cancellationToken);

    public void Add(AgentHeartbeat heartbeat) => db.Heartbeats.Add(heartbeat);
}
