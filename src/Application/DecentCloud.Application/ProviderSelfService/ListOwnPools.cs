using DecentCloud.Application.Accounts;
using DecentCloud.Application.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>A provider lists its pools (<c>GET /api/v1/providers/me/pools</c>).</summary>
public sealed record ListOwnPools(AccountPrincipal Signer) : IQuery<Result<IReadOnlyList<ProviderPoolView>>>;

/// <summary>Handles <see cref="ListOwnPools"/>.</summary>
internal sealed class ListOwnPoolsHandler(IProviderProfileStore profiles, IProviderSelfServiceStore store)
    : IQueryHandler<ListOwnPools, Result<IReadOnlyList<ProviderPoolView>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<ProviderPoolView>>> Handle(ListOwnPools query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var provider = await ProviderSelf.RequireAsync(profiles, query.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<IReadOnlyList<ProviderPoolView>>();
        }

        var pools = await store.ListPoolsAsync(provider.Value, cancellationToken);
        return pools.Select(p => new ProviderPoolView(p.Id, p.Name, p.CreatedAt)).ToList();
    }
}
