using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class CredentialStore(DecentCloudDbContext db) : ICredentialStore
{
    public Task<ContractCredential?> FindAsync(ContractId contractId, CancellationToken cancellationToken) =>
        db.Credentials.SingleOrDefaultAsync(c => c.ContractId == contractId, cancellationToken);

    public void Add(ContractCredential credential) => db.Credentials.Add(credential);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Credentials.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
}
