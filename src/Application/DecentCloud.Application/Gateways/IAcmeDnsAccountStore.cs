using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Application.Gateways;

/// <summary>acme-dns accounts, one per dc_id.</summary>
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
}
