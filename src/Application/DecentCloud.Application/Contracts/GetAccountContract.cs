using DecentCloud.Application.Accounts;
using DecentCloud.Application.Retention;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>One of the user's contracts (<c>GET /api/v1/contracts/{id}</c>), live or archived (state <c>archived</c>).</summary>
public sealed record GetAccountContract(AccountPrincipal User, string? ContractId) : IQuery<Result<ContractView>>;

/// <summary>Handles <see cref="GetAccountContract"/>.</summary>
internal sealed class GetAccountContractHandler(IContractStore contracts, IContractArchive archive, ContractViewSources views)
    : IQueryHandler<GetAccountContract, Result<ContractView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ContractView>> Handle(GetAccountContract query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var contract = await AccountContracts.FindAsync(contracts, query.User, query.ContractId, cancellationToken);
        if (contract.IsFailed && contract.FirstDomainError().Kind == ErrorKind.NotFound)
        {
            // Archival moves a contract out of the hot tables, not out of its user's reach.
            var archived = await archive.FindAsync(ContractId.FromHex(query.ContractId).Value, cancellationToken);
            if (archived is not null && query.User.AccountId is { } account && archived.Terms.RequesterAccountId == account)
            {
                contract = archived;
            }
        }

        return contract.IsFailed ? contract.ToResult<ContractView>() : await ContractView.OfAsync(contract.Value, views, cancellationToken);
    }
}
