using System.Security.Cryptography;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>A user requests a machine from a provider's pool (<c>POST /api/v1/contracts</c>); the contract starts as requested.</summary>
public sealed record RequestContract(
    AccountPrincipal User,
    string? ProviderId,
    string? Pool,
    string? OfferingId,
    int Cores,
    int MemoryMb,
    int StorageGb,
    string? SshPublicKey,
    string? InstanceConfig,
    string? PostProvisionScript,
    long DurationSeconds,
    long PriceE8s) : ICommand<Result<ContractView>>;

/// <summary>Handles <see cref="RequestContract"/>.</summary>
internal sealed class RequestContractHandler(IContractStore contracts, ICredentialStore credentials, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<RequestContract, Result<ContractView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ContractView>> Handle(RequestContract command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.User.AccountId is not { } account)
        {
            return Result.Fail<ContractView>(DomainErrors.Unauthorized("no_account", "Register an account first."));
        }

        // The wire still carries ICP e8s; the terms hold a token amount (the marketplace will price offerings instead).
        // A bad price is reported together with every other bad field, as the terms do.
        var price = command.PriceE8s < 0
            ? Result.Fail<TokenAmount>(DomainError.Invalid("invalid_price", "price must not be negative."))
            : TokenAmount.FromBaseUnits(Token.Icp, command.PriceE8s);
        var terms = ContractTerms.Create(account, command.ProviderId, command.Pool, command.OfferingId, command.Cores, command.MemoryMb,
            command.StorageGb, command.SshPublicKey, command.InstanceConfig, command.PostProvisionScript, command.DurationSeconds,
            price.IsSuccess ? price.Value : TokenAmount.Zero(Token.Icp));
        if (terms.IsFailed || price.IsFailed)
        {
            return Result.Fail<ContractView>(terms.Errors.Concat(price.Errors));
        }

        var contract = Contract.Request(ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value, terms.Value, time.Now());
        contracts.Add(contract);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await ContractView.OfAsync(contract, credentials, cancellationToken);
    }
}
