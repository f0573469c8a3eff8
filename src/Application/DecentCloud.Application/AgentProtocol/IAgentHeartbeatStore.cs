using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>The latest heartbeat of each agent.</summary>
public interface IAgentHeartbeatStore
{
    /// <summary>The agent's latest heartbeat.</summary>
    Task<AgentHeartbeat?> FindAsync(AgentPublicKey agentKey, CancellationToken cancellationToken);

    /// <summary>Adds a first heartbeat (saved with the unit of work).</summary>
    void Add(AgentHeartbeat heartbeat);
}
