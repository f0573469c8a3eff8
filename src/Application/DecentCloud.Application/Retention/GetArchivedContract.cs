using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Retention;

/// <summary>One archived contract by id (<c>GET /api/v1/admin/archive/contracts/{id}</c>).</summary>
public sealed record GetArchivedContract(string? ContractId) : IQuery<Result<ArchivedContractView>>;

/// <summary>Handles <see cref="GetArchivedContract"/>.</summary>
internal sealed class GetArchivedContractHandler(IContractArchive archive) : IQueryHandler<GetArchivedContract, Result<ArchivedContractView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ArchivedContractView>> Handle(GetArchivedContract query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var id = ContractId.FromHex(query.ContractId);
        if (id.IsFailed)
        {
            return id.ToResult<ArchivedContractView>();
        }

        var contract = await archive.FindAsync(id.Value, cancellationToken);
        return contract is null
            ? Result.Fail<ArchivedContractView>(DomainErrors.NotFound("archived_contract_not_found", $"No archived contract {id.Value}."))
            : ArchivedContractView.Of(contract);
    }
}
