using DecentCloud.Domain.Marketplace;

namespace DecentCloud.Application.Marketplace;

/// <summary>Provider profiles, one per account.</summary>
public interface IProviderProfileStore
{
    /// <summary>The profile of that account, or <c>null</c>.</summary>
    Task<ProviderProfile?> FindAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>Adds a profile (saved with the unit of work).</summary>
    void Add(ProviderProfile profile);
}
