using DecentCloud.Domain.Agents;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Agents;

/// <summary>A provider's (or, for an operator, every) agent delegation, revoked ones included.</summary>
public sealed record ListAgentDelegations(string? ProviderId) : IQuery<Result<IReadOnlyList<AgentDelegationView>>>;

/// <summary>One delegation as a provider sees it.</summary>
public sealed record AgentDelegationView(
    string AgentPubkey, string ProviderId, Guid PoolId, string? Label, IReadOnlyList<string> Permissions,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>Handles <see cref="ListAgentDelegations"/>.</summary>
internal sealed class ListAgentDelegationsHandler(IAgentDelegationStore delegations) : IQueryHandler<ListAgentDelegations, Result<IReadOnlyList<AgentDelegationView>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<AgentDelegationView>>> Handle(ListAgentDelegations query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ProviderId? provider = null;
        if (query.ProviderId is not null)
        {
            var parsed = ProviderId.Create(query.ProviderId);
            if (parsed.IsFailed)
            {
                return parsed.ToResult<IReadOnlyList<AgentDelegationView>>();
            }

            provider = parsed.Value;
        }

        var list = await delegations.ListAsync(provider, cancellationToken);
        return list.Select(d => new AgentDelegationView(
            d.AgentKey.Hex, d.ProviderId.Value, d.PoolId, d.Label, d.Permissions.ToNames(), d.CreatedAt, d.ExpiresAt, d.RevokedAt)).ToList();
    }
}
