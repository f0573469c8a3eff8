using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class HealthReportStore(DecentCloudDbContext db) : IHealthReportStore
{
    public void Add(HealthReport report) => db.HealthReports.Add(report);

    public async Task<IReadOnlyList<HealthReport>> ListAsync(ContractId contractId, int limit, CancellationToken cancellationToken) =>
        await db.HealthReports.Where(r => r.ContractId == contractId).OrderByDescending(r => r.CheckedAt).Take(limit).ToListAsync(cancellationToken);
}
