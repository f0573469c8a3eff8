using DecentCloud.Application.Accounts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>One of the user's contracts (<c>GET /api/v1/contracts/{id}</c>).</summary>
public sealed record GetAccountContract(AccountPrincipal User, string? ContractId) : IQuery<Result<ContractView>>;

/// <summary>Handles <see cref="GetAccountContract"/>.</summary>
internal sealed class GetAccountContractHandler(IContractStore contracts, ContractViewSources views) : IQueryHandler<GetAccountContract, Result<ContractView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ContractView>> Handle(GetAccountContract query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var contract = await AccountContracts.FindAsync(contracts, query.User, query.ContractId, cancellationToken);
        return contract.IsFailed ? contract.ToResult<ContractView>() : await ContractView.OfAsync(contract.Value, views, cancellationToken);
    }
}
