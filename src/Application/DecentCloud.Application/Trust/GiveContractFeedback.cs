using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Trust;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Trust;

/// <summary>
/// The renter answers, once, whether an ended contract matched its description and whether they would rent again
/// (<c>POST /api/v1/contracts/{id}/feedback</c>). A concurrent second answer loses on the table's key, is retried
/// and then finds the first one: 409 either way.
/// </summary>
public sealed record GiveContractFeedback(AccountPrincipal User, string? ContractId, bool? MatchedDescription, bool? WouldRentAgain)
    : ICommand<Result<ContractFeedback>>, IRetryOnConflict;

/// <summary>Handles <see cref="GiveContractFeedback"/>.</summary>
internal sealed class GiveContractFeedbackHandler(IContractStore contracts, IContractFeedbackStore feedback, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<GiveContractFeedback, Result<ContractFeedback>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ContractFeedback>> Handle(GiveContractFeedback command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var contract = await AccountContracts.FindAsync(contracts, command.User, command.ContractId, cancellationToken);
        if (contract.IsFailed)
        {
            return contract.ToResult<ContractFeedback>();
        }

        if (await feedback.FindAsync(contract.Value.Id, cancellationToken) is not null)
        {
            return Result.Fail<ContractFeedback>(DomainErrors.Conflict("feedback_already_given", $"Feedback on contract {contract.Value.Id} was already given."));
        }

        var given = ContractFeedback.Give(contract.Value, command.User.AccountId!.Value, command.MatchedDescription, command.WouldRentAgain, time.Now());
        if (given.IsFailed)
        {
            return given;
        }

        feedback.Add(given.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return given;
    }
}
