using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>Takes or renews a contract's provisioning lease for the agent (<c>POST …/contracts/{id}/lock</c>).</summary>
public sealed record AcquireProvisioningLease(AgentPrincipal Agent, string? ProviderInPath, string? ContractId) : ICommand<Result<LeaseOutcome>>;

/// <summary>Handles <see cref="AcquireProvisioningLease"/>; of two agents racing, exactly one gets the lease.</summary>
public sealed class AcquireProvisioningLeaseHandler(
    IContractStore contracts,
    IUnitOfWork unitOfWork,
    IOptions<AgentProtocolOptions> options,
    TimeProvider time) : ICommandHandler<AcquireProvisioningLease, Result<LeaseOutcome>>
{
    /// <inheritdoc />
    public async ValueTask<Result<LeaseOutcome>> Handle(AcquireProvisioningLease command, CancellationToken cancellationToken)
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
                return contract.ToResult<LeaseOutcome>();
            }

            var outcome = contract.Value.AcquireLease(command.Agent.AgentKey, time.Now(), options.Value.LeaseLength);
            if (outcome.IsSuccess && outcome.Value.Acquired)
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
            }

            return outcome;
        });
    }
}
