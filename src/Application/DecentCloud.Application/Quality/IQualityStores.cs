using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;

namespace DecentCloud.Application.Quality;

/// <summary>When each contract is next probed.</summary>
public interface IProbeScheduleStore
{
    /// <summary>Adds a due row for every provisioned or active contract without one; returns how many.</summary>
    Task<int> ScheduleNewAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Locks up to <paramref name="limit"/> due rows of provisioned or active contracts with row locks other instances skip
    /// (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>). Call inside <see cref="Common.IUnitOfWork.InTransactionAsync{T}"/>, take
    /// each (<see cref="ProbeSchedule.Take"/>) and save: once that commits, no other instance takes them this interval.
    /// </summary>
    Task<IReadOnlyList<ProbeSchedule>> LockDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

/// <summary>Platform checks, incidents and disagreements with the agent.</summary>
public interface IHealthCheckStore
{
    /// <summary>Adds a check (saved with the unit of work).</summary>
    void Add(HealthCheck check);

    /// <summary>Adds an incident.</summary>
    void Add(HealthIncident incident);

    /// <summary>Adds a disagreement.</summary>
    void Add(HealthDisagreement disagreement);

    /// <summary>The contract's open incident, if any.</summary>
    Task<HealthIncident?> FindOpenIncidentAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>The contract's incidents that started from <paramref name="since"/> on or are still open, newest first.</summary>
    Task<IReadOnlyList<HealthIncident>> ListIncidentsAsync(ContractId contractId, DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>The agent's latest report of the contract checked from <paramref name="since"/> on, if any.</summary>
    Task<HealthReport?> LatestAgentReportAsync(ContractId contractId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The contract's disagreements, newest first.</summary>
    Task<IReadOnlyList<HealthDisagreement>> ListDisagreementsAsync(ContractId contractId, int limit, CancellationToken cancellationToken);
}

/// <summary>Hourly rollups of the platform checks and the pruning of raw checks.</summary>
public interface IHealthRollupStore
{
    /// <summary>
    /// Locks the rollup cursor (other instances skip it) and returns where rolling up stopped
    /// (<see cref="DateTimeOffset.MinValue"/> before the first run), or <c>null</c> when another instance holds it. Call
    /// inside a transaction.
    /// </summary>
    Task<DateTimeOffset?> TakeCursorAsync(CancellationToken cancellationToken);

    /// <summary>The earliest platform check, if any.</summary>
    Task<DateTimeOffset?> EarliestCheckAsync(CancellationToken cancellationToken);

    /// <summary>Writes the rollups of every contract's checks in the whole hours [<paramref name="from"/>, <paramref name="until"/>) and moves the cursor to <paramref name="until"/>; returns the rollups written.</summary>
    Task<int> RollUpAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Where rolling up stopped (<see cref="DateTimeOffset.MinValue"/> before the first run).</summary>
    Task<DateTimeOffset> RolledUntilAsync(CancellationToken cancellationToken);

    /// <summary>Removes platform checks older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PruneRawAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>One contract's checks over the last 24 hours, for SLA detection.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="ProviderId">Its provider.</param>
/// <param name="OfferingId">Its offering, if any.</param>
/// <param name="Day">Its checks over the 24 hours.</param>
public sealed record ContractDayUptime(ContractId ContractId, ProviderId ProviderId, Guid? OfferingId, UptimeWindow Day);

/// <summary>SLA breaches.</summary>
public interface ISlaBreachStore
{
    /// <summary>The checks of every provisioned or active contract in [<paramref name="from"/>, <paramref name="until"/>), per contract.</summary>
    Task<IReadOnlyList<ContractDayUptime>> UptimeByContractAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The SLA target (basis points of a percent) of each offering that names one.</summary>
    Task<IReadOnlyDictionary<Guid, int>> SlaTargetsAsync(IReadOnlyCollection<Guid> offeringIds, CancellationToken cancellationToken);

    /// <summary>The contracts with a breach recorded in <paramref name="hour"/>.</summary>
    Task<IReadOnlySet<ContractId>> BreachedInHourAsync(DateTimeOffset hour, CancellationToken cancellationToken);

    /// <summary>Adds a breach (its unique contract-and-hour index refuses a second one).</summary>
    void Add(SlaBreach breach);

    /// <summary>The contract's breaches, newest first.</summary>
    Task<IReadOnlyList<SlaBreach>> ListAsync(ContractId contractId, int limit, CancellationToken cancellationToken);
}

/// <summary>Providers' self-reported SLIs.</summary>
public interface ISelfReportedSliStore
{
    /// <summary>The report of an offering's day, if any.</summary>
    Task<SelfReportedSli?> FindAsync(Guid offeringId, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Adds a report.</summary>
    void Add(SelfReportedSli report);

    /// <summary>The reports of an offering from <paramref name="since"/> on, oldest first.</summary>
    Task<IReadOnlyList<SelfReportedSli>> ListAsync(Guid offeringId, DateOnly since, CancellationToken cancellationToken);

    /// <summary>The reports of every offering of a provider from <paramref name="since"/> on, oldest first.</summary>
    Task<IReadOnlyList<SelfReportedSli>> ListForProviderAsync(ProviderId providerId, DateOnly since, CancellationToken cancellationToken);
}
