using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Accounts;

/// <summary>User accounts with their devices, and what they (and the addresses they come from) have created.</summary>
public interface IAccountStore
{
    /// <summary>The account with that id.</summary>
    Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The account one of whose devices (active or revoked) has that key.</summary>
    Task<Account?> FindByDeviceAsync(string deviceKeyHex, CancellationToken cancellationToken);

    /// <summary>Adds an account (saved with the unit of work).</summary>
    void Add(Account account);

    /// <summary>Adds an account registered from <paramref name="clientAddress"/>, which is stored for the per-address quota.</summary>
    void Add(Account account, string? clientAddress);

    /// <summary>Stores the client address a contract added to this unit of work was requested from (for the per-address quota).</summary>
    void RecordRequestOrigin(Contract contract, string? clientAddress);

    /// <summary>Accounts registered from <paramref name="clientAddress"/> after <paramref name="since"/>.</summary>
    Task<int> CountRegisteredFromAsync(string clientAddress, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Contracts requested from <paramref name="clientAddress"/> after <paramref name="since"/>.</summary>
    Task<int> CountRequestedFromAsync(string clientAddress, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Contract requests of the account still waiting for an answer or a payment (requested, pending).</summary>
    Task<int> CountOpenRequestsAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Inside a transaction: waits until no other transaction holds the quota <paramref name="key"/>, and holds it
    /// until this one ends, so a count and the insert it allows are not interleaved with another's.
    /// </summary>
    Task HoldQuotaAsync(string key, CancellationToken cancellationToken);
}
