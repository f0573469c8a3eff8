using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>
/// An operator records that a contract's payment succeeded off the platform (<c>admin contract paid</c>): for a free
/// contract or one paid outside the wallet. A rental is paid by moving its price from the wallet into its escrow
/// (<see cref="Rentals.RentOffering"/>), so marking one paid by hand is refused: it would let a machine run on money the
/// books never saw.
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

        if (contract.IsRental)
        {
            return Result.Fail(Domain.Common.DomainErrors.Conflict(
                "paid_from_escrow", $"Contract {command.ContractId} is a rental paid from the wallet into escrow; only a free or off-platform contract is marked paid by hand."));
        }

        contract.MarkPaid(time.Now());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
