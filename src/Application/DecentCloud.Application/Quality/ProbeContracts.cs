using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Quality;

/// <summary>
/// The <c>probe-contracts</c> job: probes every provisioned and active contract that is due, once per
/// <see cref="QualityOptions.ProbeInterval"/> however many API instances run it, and records the checks, the incidents
/// they open or close, and where the provider's agent saw it otherwise.
/// </summary>
public sealed record ProbeContracts : ICommand<int>;

/// <summary>Handles <see cref="ProbeContracts"/>; returns how many contracts were probed.</summary>
internal sealed class ProbeContractsHandler(
    IProbeScheduleStore schedules,
    IContractStore contracts,
    ContractViewSources sources,
    IServiceProbe probe,
    IHealthCheckStore checks,
    IUnitOfWork unitOfWork,
    IOptions<QualityOptions> options,
    TimeProvider time) : ICommandHandler<ProbeContracts, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(ProbeContracts command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        await unitOfWork.InTransactionAsync(() => schedules.ScheduleNewAsync(time.Now(), cancellationToken), cancellationToken);
        var total = 0;
        while (true)
        {
            var now = time.Now();
            // The lease commits before any probe: the rows are already one interval on when another instance looks,
            // and no row lock is held while the network is slow.
            var taken = await unitOfWork.InTransactionAsync(async () =>
            {
                var due = await schedules.LockDueAsync(now, o.ProbeBatchSize, cancellationToken);
                foreach (var schedule in due)
                {
                    schedule.Take(now, o.ProbeInterval);
                }

                await unitOfWork.SaveChangesAsync(cancellationToken);
                return due.Select(s => s.ContractId).ToList();
            }, cancellationToken);
            if (taken.Count == 0)
            {
                return total;
            }

            var found = await contracts.FindManyAsync(taken, cancellationToken);
            var targets = new List<(Contract Contract, ProbeTarget Target)>(found.Count);
            foreach (var contract in found)
            {
                var access = await ContractAccessView.OfAsync(contract, sources, cancellationToken);
                targets.Add((contract, new ProbeTarget(
                    access?.SshHost, access?.SshPort ?? ContractAccessView.DefaultSshPort, access?.HttpsUrl is { } url ? new Uri(url) : null)));
            }

            var outcomes = new ProbeOutcome[targets.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, targets.Count),
                new ParallelOptions { MaxDegreeOfParallelism = o.ProbeConcurrency, CancellationToken = cancellationToken },
                async (i, ct) => outcomes[i] = await probe.ProbeAsync(targets[i].Target, ct));

            for (var i = 0; i < targets.Count; i++)
            {
                await RecordAsync(targets[i].Contract, outcomes[i], now, o, cancellationToken);
            }

            await unitOfWork.SaveChangesAsync(cancellationToken);
            total += taken.Count;
            if (taken.Count < o.ProbeBatchSize)
            {
                return total;
            }
        }
    }

    private async Task RecordAsync(Contract contract, ProbeOutcome outcome, DateTimeOffset now, QualityOptions o, CancellationToken cancellationToken)
    {
        var check = HealthCheck.Platform(
            contract.Id, contract.Terms.ProviderId, contract.RentalOfferingId, now, outcome.Status, outcome.LatencyMs, TimeSpan.FromMilliseconds(o.ResponseObjectiveMs), outcome.Detail);
        checks.Add(check);

        var open = await checks.FindOpenIncidentAsync(contract.Id, cancellationToken);
        if (check.Status == HealthStatus.Unhealthy)
        {
            if (open is null)
            {
                checks.Add(HealthIncident.Open(contract.Id, contract.Terms.ProviderId, contract.RentalOfferingId, now));
            }
            else
            {
                open.Extend(now);
            }
        }
        else if (check.Status == HealthStatus.Healthy)
        {
            open?.Close(now);
        }

        // The agent's report of the same interval is kept where it is; only a contradiction is written down here.
        if (await checks.LatestAgentReportAsync(contract.Id, now - o.ProbeInterval, cancellationToken) is { } report
            && HealthDisagreement.Between(check, report) is { } disagreement)
        {
            checks.Add(disagreement);
        }
    }
}
