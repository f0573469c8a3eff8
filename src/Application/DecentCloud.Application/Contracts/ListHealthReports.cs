using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>The latest health checks of one of the user's contracts (<c>GET /api/v1/contracts/{id}/health</c>).</summary>
public sealed record ListHealthReports(AccountPrincipal User, string? ContractId) : IQuery<Result<IReadOnlyList<HealthReportView>>>;

/// <summary>One health check as the user sees it.</summary>
public sealed record HealthReportView(DateTimeOffset CheckedAt, string Status, int? LatencyMs, string? Details);

/// <summary>Handles <see cref="ListHealthReports"/>.</summary>
internal sealed class ListHealthReportsHandler(IContractStore contracts, IHealthReportStore reports) : IQueryHandler<ListHealthReports, Result<IReadOnlyList<HealthReportView>>>
{
    /// <summary>Most reports returned.</summary>
    public const int Limit = 100;

    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<HealthReportView>>> Handle(ListHealthReports query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var contract = await AccountContracts.FindAsync(contracts, query.User, query.ContractId, cancellationToken);
        if (contract.IsFailed)
        {
            return contract.ToResult<IReadOnlyList<HealthReportView>>();
        }

        var list = await reports.ListAsync(contract.Value.Id, Limit, cancellationToken);
        return list.Select(r => new HealthReportView(r.CheckedAt, Wire(r.Status), r.LatencyMs, r.Details)).ToList();
    }

    private static string Wire(HealthStatus status) => status.ToString().ToLowerInvariant();
}
