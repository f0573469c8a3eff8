using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>The user asks for a new VM password (<c>POST /api/v1/contracts/{id}/reset-password</c>); asking twice is one reset.</summary>
public sealed record RequestPasswordReset(AccountPrincipal User, string? ContractId) : ICommand<Result>, IRetryOnConflict;

/// <summary>Handles <see cref="RequestPasswordReset"/>.</summary>
internal sealed class RequestPasswordResetHandler(IContractStore contracts, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<RequestPasswordReset, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(RequestPasswordReset command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var contract = await AccountContracts.FindAsync(contracts, command.User, command.ContractId, cancellationToken);
        if (contract.IsFailed)
        {
            return contract.ToResult();
        }

        var requested = contract.Value.RequestPasswordReset(time.Now());
        if (requested.IsSuccess)
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return requested;
    }
}
