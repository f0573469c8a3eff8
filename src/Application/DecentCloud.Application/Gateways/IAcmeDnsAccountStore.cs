using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Application.Gateways;

/// <summary>acme-dns accounts, one per dc_id, and the quota of each provider's accounts.</summary>
public interface IAcmeDnsAccountStore
{
    /// <summary>The account of a dc_id.</summary>
    Task<AcmeDnsAccount?> FindByDcIdAsync(DcId dcId, CancellationToken cancellationToken);

    /// <summary>The account with that username.</summary>
    Task<AcmeDnsAccount?> FindByUsernameAsync(Guid username, CancellationToken cancellationToken);

    /// <summary>All accounts of a provider, oldest first.</summary>
    Task<IReadOnlyList<AcmeDnsAccount>> ListByProviderAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>Every account, oldest first (operator view).</summary>
    Task<IReadOnlyList<AcmeDnsAccount>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Adds an account (saved with the unit of work).</summary>
    void Add(AcmeDnsAccount account);

    /// <summary>
    /// Makes the next save fail with a <see cref="Common.ConcurrencyConflictException"/> when the account changed
    /// (rotated or revoked) since it was read: a write that relied on the credentials never commits after they stopped working.
    /// </summary>
    void RequireUnchangedAtSave(AcmeDnsAccount account);

    /// <summary>How many accounts (dc_ids) the provider holds, counted in the database.</summary>
    Task<int> CountByProviderAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>The provider's quota, or <c>null</c> before its first registration under quotas.</summary>
    Task<GatewayQuota?> FindQuotaAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>Adds a quota (saved with the unit of work).</summary>
    void AddQuota(GatewayQuota quota);
}
