using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>
/// A health check of a contract's machine (<c>POST /api/v1/contracts/{id}/health</c>). The first healthy
/// report of a provisioned contract makes it active.
/// </summary>
public sealed record RecordHealthReport(AgentPrincipal Agent, string? ContractId, DateTimeOffset CheckedAt, string? Status, int? LatencyMs, string? Details)
    : ICommand<Result>, IRetryOnConflict;

/// <summary>Handles <see cref="RecordHealthReport"/>.</summary>
internal sealed class RecordHealthReportHandler(
    IContractStore contracts,
    IAgentPoolStore pools,
    IHealthReportStore reports,
    IUnitOfWork unitOfWork,
    TimeProvider time) : ICommandHandler<RecordHealthReport, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(RecordHealthReport command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var contract = await AgentScope.FindContractAsync(contracts, pools, command.Agent, command.ContractId, cancellationToken);
        if (contract.IsFailed)
        {
            return contract.ToResult();
        }

        var now = time.Now();
        var report = HealthReport.Create(contract.Value.Id, command.CheckedAt, command.Status, command.LatencyMs, command.Details, now);
        if (report.IsFailed)
        {
            return report.ToResult();
        }

        reports.Add(report.Value);
        if (report.Value.Status == HealthStatus.Healthy)
        {
            contract.Value.ActivateOnHealthyReport(now);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
