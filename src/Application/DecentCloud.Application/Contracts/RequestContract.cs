using System.Security.Cryptography;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Contracts;

/// <summary>A user requests a machine from a provider's pool (<c>POST /api/v1/contracts</c>); the contract starts as requested.</summary>
/// <remarks>
/// The pool must exist and belong to the named provider. Each account may have a few requests waiting at once and
/// each client address may request a number of contracts per window (<see cref="QuotaOptions"/>, 429).
/// </remarks>
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
    long PriceE8s) : ICommand<Result<ContractView>>
{
    /// <summary>The client's network address, stored with the contract for the per-address quota; <c>null</c> from inside the platform (no per-address quota).</summary>
    public string? ClientAddress { get; init; }
}

/// <summary>Handles <see cref="RequestContract"/>.</summary>
internal sealed class RequestContractHandler(
    IContractStore contracts,
    ContractViewSources views,
    IAccountStore accounts,
    IAgentPoolStore pools,
    IUnitOfWork unitOfWork,
    IOptions<QuotaOptions> quotas,
    TimeProvider time)
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

        // Pool names are unique across providers, so the pool names its provider; a request for another provider's
        // pool, or for no pool at all, would never be answered and only take space.
        var pool = await pools.FindByNameAsync(terms.Value.PoolName, cancellationToken);
        if (pool is null || pool.ProviderId != terms.Value.ProviderId)
        {
            return Result.Fail<ContractView>(DomainError.Invalid("unknown_pool", "No pool of that name belongs to that provider."));
        }

        // The counts and the insert they allow run in one transaction holding the account's and the address's quota
        // keys (always in that order), so two requests at the edge of a quota are serialised and the second is refused.
        var created = await unitOfWork.InTransactionAsync(() => AddWithinQuotaAsync(account, terms.Value, command.ClientAddress, cancellationToken), cancellationToken);
        return created.IsFailed ? created.ToResult<ContractView>() : await ContractView.OfAsync(created.Value, views, cancellationToken);
    }

    private async Task<Result<Contract>> AddWithinQuotaAsync(Guid account, ContractTerms terms, string? clientAddress, CancellationToken cancellationToken)
    {
        var o = quotas.Value;
        var now = time.Now();
        await accounts.HoldQuotaAsync("account:" + account.ToString("N"), cancellationToken);
        if (clientAddress is not null)
        {
            await accounts.HoldQuotaAsync("request:" + clientAddress, cancellationToken);
        }

        if (await accounts.CountOpenRequestsAsync(account, cancellationToken) >= o.MaxOpenRequestsPerAccount)
        {
            return Result.Fail<Contract>(AccountErrors.OpenRequestQuota(o));
        }

        if (clientAddress is not null && await accounts.CountRequestedFromAsync(clientAddress, now - o.AddressWindow, cancellationToken) >= o.MaxContractsPerAddress)
        {
            return Result.Fail<Contract>(AccountErrors.RequestQuota(o));
        }

        var contract = Contract.Request(ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value, terms, now);
        contracts.Add(contract);
        accounts.RecordRequestOrigin(contract, clientAddress);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return contract;
    }
}
