using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>
/// The paid (or free), accepted contracts of the agent's pool that nobody else is provisioning, oldest first.
/// A contract whose lease the same agent holds is listed again so that a restarted agent resumes it.
/// </summary>
public sealed record ListPendingProvision(AgentPrincipal Agent, string? ProviderInPath) : IQuery<Result<IReadOnlyList<PendingContract>>>;

/// <summary>A contract to provision and everything needed for it (never a secret).</summary>
public sealed record PendingContract(
    string ContractId, string State, string OfferingId, int Cores, int MemoryMb, int StorageGb, string SshPublicKey,
    string? InstanceConfig, string? PostProvisionScript, CredentialRecipients Recipients, DateTimeOffset CreatedAt);

/// <summary>Handles <see cref="ListPendingProvision"/>.</summary>
internal sealed class ListPendingProvisionHandler(
    IContractStore contracts,
    IAgentPoolStore pools,
    IAccountStore accounts,
    IOptions<AgentProtocolOptions> options,
    TimeProvider time) : IQueryHandler<ListPendingProvision, Result<IReadOnlyList<PendingContract>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<PendingContract>>> Handle(ListPendingProvision query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scope = AgentScope.CheckProvider(query.Agent, query.ProviderInPath);
        if (scope.IsFailed)
        {
            return scope;
        }

        var now = time.Now();
        var pool = await AgentScope.PoolNameAsync(pools, query.Agent, cancellationToken);
        var candidates = await contracts.ListProvisionableAsync(query.Agent.ProviderId, pool, options.Value.PollLimit, cancellationToken);
        var pending = new List<PendingContract>();
        foreach (var contract in candidates.Where(c => c.IsOpenFor(query.Agent.AgentKey, now)))
        {
            // Without the requester's keys the password could not be delivered, so such a contract is not handed out.
            var recipients = await CredentialRecipients.OfAsync(accounts, contract.Terms.RequesterAccountId, cancellationToken);
            if (recipients is null)
            {
                continue;
            }

            var t = contract.Terms;
            pending.Add(new PendingContract(
                contract.Id.Hex, DecentCloud.Domain.Contracts.ContractStates.ToWireName(contract.State), t.OfferingId, t.Cores, t.MemoryMb, t.StorageGb, t.SshPublicKey,
                t.InstanceConfig, t.PostProvisionScript, recipients, contract.CreatedAt));
        }

        return pending;
    }
}
