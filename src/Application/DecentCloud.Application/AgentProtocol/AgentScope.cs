using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>What an agent may touch: its own provider's path and the contracts of its own provider and pool.</summary>
internal static class AgentScope
{
    /// <summary>Forbidden unless the path's provider is the agent's.</summary>
    public static Result CheckProvider(AgentPrincipal agent, string? providerInPath) =>
        string.Equals(agent.ProviderId.Value, providerInPath, StringComparison.Ordinal)
            ? Result.Ok()
            : Result.Fail(DomainErrors.Forbidden("wrong_provider", "The agent acts for another provider."));

    /// <summary>
    /// The contract, if it exists and belongs to the agent's provider and pool; not found otherwise (no leak of
    /// others' ids). Pools of one provider are isolated: an agent of one pool never touches another pool's contract.
    /// </summary>
    public static async Task<Result<Contract>> FindContractAsync(
        IContractStore contracts, IAgentPoolStore pools, AgentPrincipal agent, string? contractIdHex, CancellationToken cancellationToken)
    {
        var id = ContractId.FromHex(contractIdHex);
        if (id.IsFailed)
        {
            return id.ToResult<Contract>();
        }

        var contract = await contracts.FindAsync(id.Value, cancellationToken);
        return contract is not null && Owns(agent, await PoolNameAsync(pools, agent, cancellationToken), contract)
            ? contract
            : Result.Fail<Contract>(DomainErrors.NotFound("contract_not_found", $"No contract {id.Value} for this agent's pool."));
    }

    /// <summary>Whether the contract is of the agent's provider and of its pool (<paramref name="poolName"/>).</summary>
    public static bool Owns(AgentPrincipal agent, string poolName, Contract contract) =>
        contract.Terms.ProviderId == agent.ProviderId && string.Equals(contract.Terms.PoolName, poolName, StringComparison.Ordinal);

    /// <summary>
    /// The agent's credential upload checked strictly (<see cref="SealedCredential"/>) against the contract and the
    /// requester's current keys: the account credential key and every active device.
    /// </summary>
    public static async Task<Result<SealedCredential>> ParseEnvelopeAsync(IAccountStore accounts, Contract contract, string? envelope, CancellationToken cancellationToken)
    {
        var recipients = await CredentialRecipients.OfAsync(accounts, contract.Terms.RequesterAccountId, cancellationToken);
        return recipients is null
            ? Result.Fail<SealedCredential>(DomainErrors.Conflict("no_recipients", "The contract's account no longer exists; its credentials cannot be delivered."))
            : SealedCredential.Parse(envelope, contract.Id, recipients.AccountKey, [.. recipients.DeviceKeys]);
    }

    /// <summary>The agent's pool name.</summary>
    public static async Task<string> PoolNameAsync(IAgentPoolStore pools, AgentPrincipal agent, CancellationToken cancellationToken) =>
        (await pools.FindAsync(agent.PoolId, cancellationToken))?.Name ?? string.Empty;

    /// <summary>
    /// Applies <paramref name="change"/> to one of the agent's provider's contracts and saves it (commands
    /// that use it are <see cref="IRetryOnConflict"/>, so a lost race reads and writes again).
    /// </summary>
    public static async Task<Result<T>> ChangeContractAsync<T>(
        IContractStore contracts, IAgentPoolStore pools, IUnitOfWork unitOfWork, AgentPrincipal agent, string? providerInPath, string? contractIdHex,
        Func<Contract, Result<T>> change, CancellationToken cancellationToken)
    {
        var scope = CheckProvider(agent, providerInPath);
        if (scope.IsFailed)
        {
            return scope;
        }

        var contract = await FindContractAsync(contracts, pools, agent, contractIdHex, cancellationToken);
        if (contract.IsFailed)
        {
            return contract.ToResult<T>();
        }

        var changed = change(contract.Value);
        if (changed.IsSuccess)
        {
            // One transaction for the move and what its events settle (a rental's stock release, RentalSettlement).
            await unitOfWork.InTransactionAsync(async () =>
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
                return true;
            }, cancellationToken);
        }

        return changed;
    }
}
