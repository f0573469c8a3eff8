using DecentCloud.Application.Accounts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>
/// The signing account acts as a provider only once it has a provider profile (as for publishing offerings), so
/// everything it runs carries a public contact; another provider's pools, tokens, agents and contracts read as missing.
/// </summary>
internal static class ProviderSelf
{
    public static async Task<Result<ProviderId>> RequireAsync(IProviderProfileStore profiles, AccountPrincipal signer, CancellationToken cancellationToken)
    {
        if (signer.AccountId is not { } account)
        {
            return Result.Fail<ProviderId>(AccountErrors.NoAccount());
        }

        return await profiles.FindAsync(account, cancellationToken) is null
            ? Result.Fail<ProviderId>(DomainErrors.Conflict("provider_profile_required", "Set the provider profile before managing pools, agents or contracts."))
            : ProviderProfile.ProviderIdOf(account);
    }

    /// <summary>The actor written to the audit log: the provider, not the operator.</summary>
    public static string Actor(AccountPrincipal signer) => $"provider:{signer.AccountId}";

    public static DomainError AgentNotFound(AgentPublicKey key) => DomainErrors.NotFound("agent_not_found", $"No delegation for agent key {key} of this provider.");
}
