using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Agents;

/// <summary>Pools of agents.</summary>
public interface IAgentPoolStore
{
    /// <summary>The pool of that name.</summary>
    Task<AgentPool?> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>The pool of that id.</summary>
    Task<AgentPool?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Adds a pool (saved with the unit of work).</summary>
    void Add(AgentPool pool);
}

/// <summary>One-time setup tokens.</summary>
public interface ISetupTokenStore
{
    /// <summary>The token with that hash.</summary>
    Task<SetupToken?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Adds a token (saved with the unit of work).</summary>
    void Add(SetupToken token);
}

/// <summary>Agent delegations.</summary>
public interface IAgentDelegationStore
{
    /// <summary>The delegation of an agent key.</summary>
    Task<AgentDelegation?> FindAsync(AgentPublicKey agentKey, CancellationToken cancellationToken);

    /// <summary>Adds a delegation (saved with the unit of work).</summary>
    void Add(AgentDelegation delegation);

    /// <summary>Every delegation (of one provider, when given), oldest first; revoked ones included.</summary>
    Task<IReadOnlyList<AgentDelegation>> ListAsync(ProviderId? providerId, CancellationToken cancellationToken);
}
