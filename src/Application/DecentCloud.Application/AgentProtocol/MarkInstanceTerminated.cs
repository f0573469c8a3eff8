using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>The agent removed a contract's machine (<c>PUT /api/v1/providers/{pk}/contracts/{id}/terminated</c>); repeating it is a no-op.</summary>
public sealed record MarkInstanceTerminated(AgentPrincipal Agent, string? ProviderInPath, string? ContractId) : ICommand<Result>;

/// <summary>Handles <see cref="MarkInstanceTerminated"/>.</summary>
public sealed class MarkInstanceTerminatedHandler(IContractStore contracts, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<MarkInstanceTerminated, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(MarkInstanceTerminated command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var scope = AgentScope.CheckProvider(command.Agent, command.ProviderInPath);
        if (scope.IsFailed)
        {
            return scope;
        }

        return await Retry.OnConflictAsync(unitOfWork, async () =>
        {
            var contract = await AgentScope.FindContractAsync(contracts, command.Agent, command.ContractId, cancellationToken);
            if (contract.IsFailed)
            {
                return contract.ToResult();
            }

            contract.Value.MarkTerminated(time.Now());
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        });
    }
}
