using DecentCloud.Application.Contracts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Quality;

/// <summary>A contract's measured uptime and incidents (<c>GET /api/v1/contracts/{id}/uptime</c>, public).</summary>
public sealed record GetContractUptime(string? ContractId) : IQuery<Result<ContractUptimeView>>;

/// <summary>Handles <see cref="GetContractUptime"/>.</summary>
internal sealed class GetContractUptimeHandler(IContractStore contracts, IUptimeReader uptime, IHealthCheckStore checks, ISlaBreachStore breaches, TimeProvider time)
    : IQueryHandler<GetContractUptime, Result<ContractUptimeView>>
{
    /// <summary>The most incidents listed.</summary>
    private const int MaxIncidents = 100;

    /// <inheritdoc />
    public async ValueTask<Result<ContractUptimeView>> Handle(GetContractUptime query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var id = ContractId.FromHex(query.ContractId);
        if (id.IsFailed || await contracts.FindAsync(id.Value, cancellationToken) is null)
        {
            return Result.Fail<ContractUptimeView>(DomainErrors.NotFound("contract_not_found", "No such contract."));
        }

        var now = time.Now();
        var figures = await uptime.ForContractAsync(id.Value, now, cancellationToken);
        var incidents = await checks.ListIncidentsAsync(id.Value, now - TimeSpan.FromDays(30), MaxIncidents, cancellationToken);
        var breached = await breaches.ListAsync(id.Value, 24 * 30, cancellationToken);
        return new ContractUptimeView(
            id.Value.Hex,
            UptimeWindowView.Of(figures),
            [.. incidents.Select(i => new IncidentView(i.StartedAt, i.EndedAt, (long)i.Duration(now).TotalSeconds, i.UnhealthyChecks))],
            breached.Count(b => b.DetectedAt >= now - TimeSpan.FromDays(30)));
    }
}
