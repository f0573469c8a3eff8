using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class SetupTokenStore(DecentCloudDbContext db) : ISetupTokenStore
{
    public Task<SetupToken?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        db.SetupTokens.SingleOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public void Add(SetupToken token) => db.SetupTokens.Add(token);
}
