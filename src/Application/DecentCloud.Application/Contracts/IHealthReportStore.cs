using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Contracts;

/// <summary>Health reports of contracts' machines.</summary>
public interface IHealthReportStore
{
    /// <summary>Adds a report (saved with the unit of work).</summary>
    void Add(HealthReport report);

    /// <summary>The latest reports of a contract, newest first.</summary>
    Task<IReadOnlyList<HealthReport>> ListAsync(ContractId contractId, int limit, CancellationToken cancellationToken);
}
