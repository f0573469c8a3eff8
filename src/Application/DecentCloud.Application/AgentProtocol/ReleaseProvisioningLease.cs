using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>Gives a provisioning lease back (<c>DELETE …/contracts/{id}/lock</c>); releasing a lease not held is a no-op.</summary>
public sealed record ReleaseProvisioningLease(AgentPrincipal Agent, string? ProviderInPath, string? ContractId) : ICommand<Result>, IRetryOnConflict;

/// <summary>Handles <see cref="ReleaseProvisioningLease"/>.</summary>
internal sealed class ReleaseProvisioningLeaseHandler(IContractStore contracts, IAgentPoolStore pools, IUnitOfWork unitOfWork) : ICommandHandler<ReleaseProvisioningLease, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(ReleaseProvisioningLease command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var released = await AgentScope.ChangeContractAsync(contracts, pools, unitOfWork, command.Agent, command.ProviderInPath, command.ContractId, contract =>
        {
            contract.ReleaseLease(command.Agent.AgentKey);
            return Result.Ok(true);
        }, cancellationToken);
        return released.ToResult();
    }
}
