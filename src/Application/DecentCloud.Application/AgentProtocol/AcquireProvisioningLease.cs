using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>Takes or renews a contract's provisioning lease for the agent (<c>POST …/contracts/{id}/lock</c>).</summary>
public sealed record AcquireProvisioningLease(AgentPrincipal Agent, string? ProviderInPath, string? ContractId) : ICommand<Result<LeaseOutcome>>, IRetryOnConflict;

/// <summary>Handles <see cref="AcquireProvisioningLease"/>; of two agents racing, exactly one gets the lease.</summary>
internal sealed class AcquireProvisioningLeaseHandler(
    IContractStore contracts,
    IAgentPoolStore pools,
    IUnitOfWork unitOfWork,
    IOptions<AgentProtocolOptions> options,
    TimeProvider time) : ICommandHandler<AcquireProvisioningLease, Result<LeaseOutcome>>
{
    /// <inheritdoc />
    public async ValueTask<Result<LeaseOutcome>> Handle(AcquireProvisioningLease command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await AgentScope.ChangeContractAsync(contracts, pools, unitOfWork, command.Agent, command.ProviderInPath, command.ContractId,
            contract => contract.AcquireLease(command.Agent.AgentKey, time.Now(), options.Value.LeaseLength), cancellationToken);
    }
}
