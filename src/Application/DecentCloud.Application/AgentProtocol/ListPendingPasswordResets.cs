using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Contracts;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>The agent's pool's contracts whose user asked for a new password (<c>GET …/contracts/pending-password-reset</c>).</summary>
public sealed record ListPendingPasswordResets(AgentPrincipal Agent, string? ProviderInPath) : IQuery<Result<IReadOnlyList<PendingPasswordReset>>>;

/// <summary>A reset to do: where the machine is, whose password, for whom to encrypt the new one.</summary>
public sealed record PendingPasswordReset(string ContractId, string? ExternalId, string LoginUser, CredentialRecipients Recipients, DateTimeOffset RequestedAt);

/// <summary>Handles <see cref="ListPendingPasswordResets"/>.</summary>
internal sealed class ListPendingPasswordResetsHandler(
    IContractStore contracts,
    IAgentPoolStore pools,
    IAccountStore accounts,
    IOptions<AgentProtocolOptions> options) : IQueryHandler<ListPendingPasswordResets, Result<IReadOnlyList<PendingPasswordReset>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<PendingPasswordReset>>> Handle(ListPendingPasswordResets query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scope = AgentScope.CheckProvider(query.Agent, query.ProviderInPath);
        if (scope.IsFailed)
        {
            return scope;
        }

        var pool = await AgentScope.PoolNameAsync(pools, query.Agent, cancellationToken);
        var waiting = await contracts.ListPendingPasswordResetsAsync(query.Agent.ProviderId, pool, options.Value.PollLimit, cancellationToken);
        var resets = new List<PendingPasswordReset>();
        foreach (var contract in waiting)
        {
            var recipients = await CredentialRecipients.OfAsync(accounts, contract.Terms.RequesterAccountId, cancellationToken);
            if (recipients is not null)
            {
                resets.Add(new PendingPasswordReset(contract.Id.Hex, contract.ExternalId, contract.LoginUser ?? "root", recipients, contract.PasswordResetRequestedAt!.Value));
            }
        }

        return resets;
    }
}
