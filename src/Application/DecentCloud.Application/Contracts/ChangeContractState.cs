using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>
/// An operator's (or, later, the provider console's) move of a contract: accept, reject, pause, resume
/// (→ active), complete, cancel. The state machine decides whether it is allowed.
/// </summary>
public sealed record ChangeContractState(ContractId ContractId, ContractState To, string Actor, string Reason)
    : ICommand<Result<ContractState>>, IRetryOnConflict, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        new($"contract.{To.ToWireName()}", result is { IsSuccess: true } ? "ok" : "refused", Actor, ContractId.Hex);
}

/// <summary>Handles <see cref="ChangeContractState"/>.</summary>
internal sealed class ChangeContractStateHandler(IContractStore contracts, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<ChangeContractState, Result<ContractState>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ContractState>> Handle(ChangeContractState command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var contract = await contracts.FindAsync(command.ContractId, cancellationToken);
        if (contract is null)
        {
            return Result.Fail<ContractState>(Domain.Common.DomainErrors.NotFound("contract_not_found", $"No contract {command.ContractId}."));
        }

        var moved = contract.MoveTo(command.To, command.Actor, command.Reason, time.Now());
        if (moved.IsFailed)
        {
            return moved.ToResult<ContractState>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok(contract.State);
    }
}
