using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>
/// Payment intake: the contract's payment succeeded. Today an operator records it (<c>admin contract paid</c>);
/// the payments work will call the same use case from the escrow/ICPay confirmation.
/// </summary>
public sealed record MarkContractPaid(ContractId ContractId, string Actor) : ICommand<Result>, IRetryOnConflict, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        new("contract.paid", result is { IsSuccess: true } ? "ok" : "refused", Actor, ContractId.Hex);
}

/// <summary>Handles <see cref="MarkContractPaid"/>; marking twice keeps the first payment time.</summary>
internal sealed class MarkContractPaidHandler(IContractStore contracts, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<MarkContractPaid, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(MarkContractPaid command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var contract = await contracts.FindAsync(command.ContractId, cancellationToken);
        if (contract is null)
        {
            return Result.Fail(Domain.Common.DomainErrors.NotFound("contract_not_found", $"No contract {command.ContractId}."));
        }

        contract.MarkPaid(time.Now());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
