using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>A provider lists its agents' delegations, revoked ones included (<c>GET /api/v1/providers/me/agents</c>).</summary>
public sealed record ListOwnDelegations(AccountPrincipal Signer) : IQuery<Result<IReadOnlyList<AgentDelegationView>>>;

/// <summary>Handles <see cref="ListOwnDelegations"/>.</summary>
internal sealed class ListOwnDelegationsHandler(IProviderProfileStore profiles, IAgentDelegationStore delegations)
    : IQueryHandler<ListOwnDelegations, Result<IReadOnlyList<AgentDelegationView>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<AgentDelegationView>>> Handle(ListOwnDelegations query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var provider = await ProviderSelf.RequireAsync(profiles, query.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<IReadOnlyList<AgentDelegationView>>();
        }

        var list = await delegations.ListAsync(provider.Value, cancellationToken);
        return list.Select(d => new AgentDelegationView(
            d.AgentKey.Hex, d.ProviderId.Value, d.PoolId, d.Label, d.Permissions.ToNames(), d.CreatedAt, d.ExpiresAt, d.RevokedAt)).ToList();
    }
}
