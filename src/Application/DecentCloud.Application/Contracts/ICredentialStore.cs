using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Contracts;

/// <summary>The encrypted VM credentials of contracts (ciphertext only).</summary>
public interface ICredentialStore
{
    /// <summary>The credential of a contract, if one is kept.</summary>
    Task<ContractCredential?> FindAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>Adds a credential (saved with the unit of work).</summary>
    void Add(ContractCredential credential);

    /// <summary>Deletes every credential whose lifetime ended; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
