using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
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

    /// <summary>
    /// Applies <paramref name="change"/> to one of the agent's provider's contracts and saves it (commands
    /// that use it are <see cref="IRetryOnConflict"/>, so a lost race reads and writes again).
    /// </summary>
    public static async Task<Result<T>> ChangeContractAsync<T>(
        IContractStore contracts, IUnitOfWork unitOfWork, AgentPrincipal agent, string? providerInPath, string? contractIdHex,
        Func<Contract, Result<T>> change, CancellationToken cancellationToken)
    {
        var scope = CheckProvider(agent, providerInPath);
        if (scope.IsFailed)
        {
            return scope;
        }

        var contract = await FindContractAsync(contracts, agent, contractIdHex, cancellationToken);
        if (contract.IsFailed)
        {
            return contract.ToResult<T>();
        }

        var changed = change(contract.Value);
        if (changed.IsSuccess)
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return changed;
    }
}
