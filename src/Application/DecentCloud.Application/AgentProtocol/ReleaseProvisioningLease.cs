using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>Gives a provisioning lease back (<c>DELETE …/contracts/{id}/lock</c>); releasing a lease not held is a no-op.</summary>
public sealed record ReleaseProvisioningLease(AgentPrincipal Agent, string? ProviderInPath, string? ContractId) : ICommand<Result>;

/// <summary>Handles <see cref="ReleaseProvisioningLease"/>.</summary>
public sealed class ReleaseProvisioningLeaseHandler(IContractStore contracts, IUnitOfWork unitOfWork) : ICommandHandler<ReleaseProvisioningLease, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(ReleaseProvisioningLease command, CancellationToken cancellationToken)
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

            contract.Value.ReleaseLease(command.Agent.AgentKey);
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        });
    }
}
