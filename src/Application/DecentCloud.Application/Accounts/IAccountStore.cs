using DecentCloud.Domain.Accounts;

namespace DecentCloud.Application.Accounts;

/// <summary>User accounts with their devices.</summary>
public interface IAccountStore
{
    /// <summary>The account with that id.</summary>
    Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The account one of whose devices (active or revoked) has that key.</summary>
    Task<Account?> FindByDeviceAsync(string deviceKeyHex, CancellationToken cancellationToken);

    /// <summary>Adds an account (saved with the unit of work).</summary>
    void Add(Account account);
}
