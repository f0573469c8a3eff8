using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>
/// The provider accepts or rejects one of its contracts that waits for an answer
/// (<c>POST /api/v1/providers/me/contracts/{id}/accept|reject</c>); the response time is recorded on the contract for the
/// trust score. Two racing answers: the loser retries on fresh state, finds the contract decided and gets 409.
/// </summary>
public sealed record DecideOwnContract(AccountPrincipal Signer, string? ContractIdHex, bool Accept, string? Reason)
    : ICommand<Result<ProviderContractView>>, IRetryOnConflict, IAudited
{
    /// <summary>Longest rejection reason kept.</summary>
    public const int MaxReasonLength = 500;

    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        new(Accept ? "contract.accepted" : "contract.rejected", result is { IsSuccess: true } ? "ok" : "refused", ProviderSelf.Actor(Signer), ContractIdHex ?? string.Empty);
}

/// <summary>Handles <see cref="DecideOwnContract"/>.</summary>
internal sealed class DecideOwnContractHandler(IProviderProfileStore profiles, IContractStore contracts, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<DecideOwnContract, Result<ProviderContractView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderContractView>> Handle(DecideOwnContract command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = await ProviderSelf.RequireAsync(profiles, command.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<ProviderContractView>();
        }

        if (command.Reason is { Length: > DecideOwnContract.MaxReasonLength })
        {
            return Result.Fail(DomainError.Invalid("invalid_reason", $"reason: at most {DecideOwnContract.MaxReasonLength} characters."));
        }

        var id = ContractId.FromHex(command.ContractIdHex);
        if (id.IsFailed)
        {
            return id.ToResult<ProviderContractView>();
        }

        var contract = await contracts.FindAsync(id.Value, cancellationToken);
        if (contract is null || contract.Terms.ProviderId != provider.Value)
        {
            return Result.Fail(DomainErrors.NotFound("contract_not_found", $"No contract {id.Value} of this provider."));
        }

        var decided = contract.DecideAsProvider(command.Accept, ProviderSelf.Actor(command.Signer), command.Reason ?? string.Empty, time.Now());
        if (decided.IsFailed)
        {
            return decided.ToResult<ProviderContractView>();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return ProviderContracts.View(contract);
    }
}
