using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>The agent removed a contract's machine (<c>PUT /api/v1/providers/{pk}/contracts/{id}/terminated</c>); repeating it is a no-op.</summary>
public sealed record MarkInstanceTerminated(AgentPrincipal Agent, string? ProviderInPath, string? ContractId) : ICommand<Result>, IRetryOnConflict;

/// <summary>Handles <see cref="MarkInstanceTerminated"/>.</summary>
internal sealed class MarkInstanceTerminatedHandler(IContractStore contracts, IAgentPoolStore pools, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<MarkInstanceTerminated, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(MarkInstanceTerminated command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var marked = await AgentScope.ChangeContractAsync(contracts, pools, unitOfWork, command.Agent, command.ProviderInPath, command.ContractId, contract =>
        {
            contract.MarkTerminated(time.Now());
            return Result.Ok(true);
        }, cancellationToken);
        return marked.ToResult();
    }
}
