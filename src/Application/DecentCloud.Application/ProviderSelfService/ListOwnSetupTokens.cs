using DecentCloud.Application.Accounts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>A provider lists the setup tokens of its pools, without secrets (<c>GET /api/v1/providers/me/setup-tokens</c>).</summary>
public sealed record ListOwnSetupTokens(AccountPrincipal Signer) : IQuery<Result<IReadOnlyList<ProviderSetupTokenView>>>;

/// <summary>Handles <see cref="ListOwnSetupTokens"/>.</summary>
internal sealed class ListOwnSetupTokensHandler(IProviderProfileStore profiles, IProviderSelfServiceStore store)
    : IQueryHandler<ListOwnSetupTokens, Result<IReadOnlyList<ProviderSetupTokenView>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<ProviderSetupTokenView>>> Handle(ListOwnSetupTokens query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var provider = await ProviderSelf.RequireAsync(profiles, query.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<IReadOnlyList<ProviderSetupTokenView>>();
        }

        var pools = (await store.ListPoolsAsync(provider.Value, cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
        var tokens = await store.ListSetupTokensAsync(provider.Value, cancellationToken);
        return tokens.Select(t => new ProviderSetupTokenView(
            t.Id, pools.GetValueOrDefault(t.PoolId, string.Empty), t.Permissions.ToNames(), t.CreatedAt, t.ExpiresAt, t.ConsumedAt, t.ConsumedBy?.Hex)).ToList();
    }
}
