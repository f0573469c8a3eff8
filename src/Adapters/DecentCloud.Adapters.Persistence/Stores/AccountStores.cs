using DecentCloud.Application.Accounts;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
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

internal sealed class HealthReportStore(DecentCloudDbContext db) : IHealthReportStore
{
    public void Add(HealthReport report) => db.HealthReports.Add(report);

    public async Task<IReadOnlyList<HealthReport>> ListAsync(ContractId contractId, int limit, CancellationToken cancellationToken) =>
        await db.HealthReports.Where(r => r.ContractId == contractId).OrderByDescending(r => r.CheckedAt).Take(limit).ToListAsync(cancellationToken);
}

internal sealed class CredentialStore(DecentCloudDbContext db) : ICredentialStore
{
    public Task<ContractCredential?> FindAsync(ContractId contractId, CancellationToken cancellationToken) =>
        db.Credentials.SingleOrDefaultAsync(c => c.ContractId == contractId, cancellationToken);

    public void Add(ContractCredential credential) => db.Credentials.Add(credential);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Credentials.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
}

internal sealed class AgentHeartbeatStore(DecentCloudDbContext db) : IAgentHeartbeatStore
{
    public Task<AgentHeartbeat?> FindAsync(AgentPublicKey agentKey, CancellationToken cancellationToken) =>
        db.Heartbeats.SingleOrDefaultAsync(h => h.AgentKey == agentKey, cancellationToken);

    public void Add(AgentHeartbeat heartbeat) => db.Heartbeats.Add(heartbeat);
}
