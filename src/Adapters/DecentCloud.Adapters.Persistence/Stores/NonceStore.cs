using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

/// <summary>
/// The replay cache in the shared database, so every API instance sees every nonce. Insert-or-ignore
/// runs outside the request's unit of work: a replay never leaves a failed row in the change tracker.
/// </summary>
internal sealed class NonceStore(DecentCloudDbContext db) : INonceStore
{
    public async Task<bool> TryRememberAsync(AgentPublicKey agentKey, string nonce, DateTimeOffset forgetAfter, CancellationToken cancellationToken)
    {
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO agent_nonces (agent_key, nonce, forget_after) VALUES ({agentKey.Hex}, {nonce.ToLowerInvariant()}, {forgetAfter.UtcTicks}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return inserted == 1;
    }

    public Task<int> ForgetExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM agent_nonces WHERE forget_after < {now.UtcTicks}", cancellationToken);
}
