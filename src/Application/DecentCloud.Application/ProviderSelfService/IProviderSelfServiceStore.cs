using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>The provider-scoped reads (and the one removal) that the provider's self-service needs beyond the agent and contract stores.</summary>
public interface IProviderSelfServiceStore
{
    /// <summary>The provider's pools, oldest first.</summary>
    Task<IReadOnlyList<AgentPool>> ListPoolsAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>The setup tokens of the provider's pools, newest first, consumed and expired ones included.</summary>
    Task<IReadOnlyList<SetupToken>> ListSetupTokensAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>The setup token with that id.</summary>
    Task<SetupToken?> FindSetupTokenAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Deletes a setup token (saved with the unit of work).</summary>
    void RemoveSetupToken(SetupToken token);

    /// <summary>
    /// Up to <paramref name="limit"/> of the provider's contracts (in <paramref name="state"/> when given) after skipping
    /// <paramref name="offset"/>, newest request first.
    /// </summary>
    Task<IReadOnlyList<Contract>> ListContractsAsync(ProviderId providerId, ContractState? state, int offset, int limit, CancellationToken cancellationToken);
}
