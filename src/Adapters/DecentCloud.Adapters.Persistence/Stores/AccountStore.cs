using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class AccountStore(DecentCloudDbContext db) : IAccountStore
{
    public Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<Account?> FindByDeviceAsync(string deviceKeyHex, CancellationToken cancellationToken) =>
        db.Accounts.SingleOrDefaultAsync(a => a.Devices.Any(d => d.KeyHex == deviceKeyHex), cancellationToken);

    public void Add(Account account) => db.Accounts.Add(account);
}
