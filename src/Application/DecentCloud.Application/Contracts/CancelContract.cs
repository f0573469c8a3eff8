using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>The user cancels a contract (<c>POST /api/v1/contracts/{id}/cancel</c>); the agent then removes its machine.</summary>
public sealed record CancelContract(AccountPrincipal User, string? ContractId, string? Reason) : ICommand<Result<ContractView>>, IRetryOnConflict;

/// <summary>Handles <see cref="CancelContract"/>.</summary>
internal sealed class CancelContractHandler(IContractStore contracts, ContractViewSources views, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<CancelContract, Result<ContractView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ContractView>> Handle(CancelContract command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var contract = await AccountContracts.FindAsync(contracts, command.User, command.ContractId, cancellationToken);
        if (contract.IsFailed)
        {
            return contract.ToResult<ContractView>();
        }

        var reason = string.IsNullOrWhiteSpace(command.Reason) ? "cancelled by the user" : command.Reason[..Math.Min(command.Reason.Length, 500)];
        var moved = contract.Value.MoveTo(ContractState.Cancelled, $"account:{command.User.AccountId}", reason, time.Now());
        if (moved.IsFailed)
        {
            return moved.ToResult<ContractView>();
        }

        // One transaction for the move and what it settles (a rental's refund and stock release, RentalSettlement).
        await unitOfWork.InTransactionAsync(async () =>
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
        return await ContractView.OfAsync(contract.Value, views, cancellationToken);
    }
}
