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
