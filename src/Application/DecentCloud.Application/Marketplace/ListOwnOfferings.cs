using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Marketplace;

/// <summary>A provider lists its own offerings in every state (<c>GET /api/v1/providers/me/offerings</c>).</summary>
public sealed record ListOwnOfferings(AccountPrincipal Signer) : IQuery<Result<IReadOnlyList<Offering>>>;

/// <summary>Handles <see cref="ListOwnOfferings"/>.</summary>
internal sealed class ListOwnOfferingsHandler(IOfferingStore offerings) : IQueryHandler<ListOwnOfferings, Result<IReadOnlyList<Offering>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<Offering>>> Handle(ListOwnOfferings query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var account = ProviderAccounts.AccountOf(query.Signer);
        if (account.IsFailed)
        {
            return account.ToResult<IReadOnlyList<Offering>>();
        }

        return Result.Ok(await offerings.ListByProviderAsync(ProviderProfile.ProviderIdOf(account.Value), cancellationToken));
    }
}
