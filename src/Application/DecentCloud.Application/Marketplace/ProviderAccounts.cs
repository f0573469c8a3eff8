using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;

namespace DecentCloud.Application.Marketplace;

/// <summary>A provider acts on its own profile, pools and offerings only; another provider's offering is "not found".</summary>
internal static class ProviderAccounts
{
    public static Result<Guid> AccountOf(AccountPrincipal signer) =>
        signer.AccountId is { } account ? account : Result.Fail<Guid>(AccountErrors.NoAccount());

    public static async Task<Result<Offering>> OwnOfferingAsync(IOfferingStore offerings, AccountPrincipal signer, string? offeringId, CancellationToken cancellationToken)
    {
        var account = AccountOf(signer);
        if (account.IsFailed)
        {
            return account.ToResult<Offering>();
        }

        if (!Guid.TryParse(offeringId, out var id))
        {
            return Result.Fail<Offering>(DomainError.Invalid("invalid_offering_id", "offering id must be a UUID."));
        }

        var offering = await offerings.FindAsync(id, cancellationToken);
        return offering is not null && offering.ProviderId == ProviderProfile.ProviderIdOf(account.Value)
            ? offering
            : Result.Fail<Offering>(DomainErrors.NotFound("offering_not_found", $"No offering {id} of this provider."));
    }

    /// <summary>The pool must exist and belong to the provider; another provider's pool reads as missing.</summary>
    public static async Task<Result> RequireOwnPoolAsync(Agents.IAgentPoolStore pools, ProviderId provider, string poolName, CancellationToken cancellationToken)
    {
        var pool = await pools.FindByNameAsync(poolName, cancellationToken);
        return pool is not null && pool.ProviderId == provider
            ? Result.Ok()
            : Result.Fail(DomainErrors.NotFound("pool_not_found", $"No pool '{poolName}' of this provider (provider id {provider})."));
    }
}
