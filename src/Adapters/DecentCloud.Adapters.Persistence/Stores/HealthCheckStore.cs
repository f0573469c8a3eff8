using DecentCloud.Application.Quality;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence.Stores;

internal sealed class HealthCheckStore(DecentCloudDbContext db) : IHealthCheckStore
{
    public void Add(HealthCheck check) => db.Set<HealthCheck>().Add(check);

    public void Add(HealthIncident incident) => db.Set<HealthIncident>().Add(incident);

    public void Add(HealthDisagreement disagreement) => db.Set<HealthDisagreement>().Add(disagreement);

    public Task<HealthIncident?> FindOpenIncidentAsync(ContractId contractId, CancellationToken cancellationToken) =>
        db.Set<HealthIncident>().SingleOrDefaultAsync(i => i.ContractId == contractId && i.EndedAt == null, cancellationToken);

    public async Task<IReadOnlyList<HealthIncident>> ListIncidentsAsync(ContractId contractId, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        await db.Set<HealthIncident>().AsNoTracking()
            .Where(i => i.ContractId == contractId && (i.StartedAt >= since || i.EndedAt == null))
            .OrderByDescending(i => i.StartedAt).Take(limit).ToListAsync(cancellationToken);

    public Task<HealthReport?> LatestAgentReportAsync(ContractId contractId, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.HealthReports.AsNoTracking().Where(r => r.ContractId == contractId && r.CheckedAt >= since)
            .OrderByDescending(r => r.CheckedAt).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<HealthDisagreement>> ListDisagreementsAsync(ContractId contractId, int limit, CancellationToken cancellationToken) =>
        await db.Set<HealthDisagreement>().AsNoTracking().Where(d => d.ContractId == contractId)
            .OrderByDescending(d => d.At).Take(limit).ToListAsync(cancellationToken);
}
