using DecentCloud.Application.Agents;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>What an agent may touch: its own provider's path and its own provider's contracts.</summary>
internal static class AgentScope
{
    /// <summary>Forbidden unless the path's provider is the agent's.</summary>
    public static Result CheckProvider(AgentPrincipal agent, string? providerInPath) =>
        string.Equals(agent.ProviderId.Value, providerInPath, StringComparison.Ordinal)
            ? Result.Ok()
            : Result.Fail(DomainErrors.Forbidden("wrong_provider", "The agent acts for another provider."));

    /// <summary>The contract, if it exists and belongs to the agent's provider; not found otherwise (no leak of others' ids).</summary>
    public static async Task<Result<Contract>> FindContractAsync(IContractStore contracts, AgentPrincipal agent, string? contractIdHex, CancellationToken cancellationToken)
    {
        var id = ContractId.FromHex(contractIdHex);
        if (id.IsFailed)
        {
            return id.ToResult<Contract>();
        }

        var contract = await contracts.FindAsync(id.Value, cancellationToken);
        return contract is not null && contract.Terms.ProviderId == agent.ProviderId
            ? contract
            : Result.Fail<Contract>(DomainErrors.NotFound("contract_not_found", $"No contract {id.Value} for this provider."));
    }

    /// <summary>The agent's pool name.</summary>
    public static async Task<string> PoolNameAsync(IAgentPoolStore pools, AgentPrincipal agent, CancellationToken cancellationToken) =>
        (await pools.FindAsync(agent.PoolId, cancellationToken))?.Name ?? string.Empty;
}
