using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Marketplace;

/// <summary>An account reads its own provider profile (<c>GET /api/v1/providers/me/profile</c>).</summary>
public sealed record GetProviderProfile(AccountPrincipal Signer) : IQuery<Result<ProviderProfile>>;

/// <summary>Handles <see cref="GetProviderProfile"/>.</summary>
internal sealed class GetProviderProfileHandler(IProviderProfileStore profiles) : IQueryHandler<GetProviderProfile, Result<ProviderProfile>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderProfile>> Handle(GetProviderProfile query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var account = ProviderAccounts.AccountOf(query.Signer);
        if (account.IsFailed)
        {
            return account.ToResult<ProviderProfile>();
        }

        var profile = await profiles.FindAsync(account.Value, cancellationToken);
        return profile is not null
            ? profile
            : Result.Fail<ProviderProfile>(DomainErrors.NotFound("provider_profile_not_found", "This account has no provider profile yet."));
    }
}
