using DecentCloud.Application.Accounts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Application.Contracts;

/// <summary>A user sees and acts on only the contracts their account requested.</summary>
internal static class AccountContracts
{
    public static async Task<Result<Contract>> FindAsync(IContractStore contracts, AccountPrincipal user, string? contractIdHex, CancellationToken cancellationToken)
    {
        var id = ContractId.FromHex(contractIdHex);
        if (id.IsFailed)
        {
            return id.ToResult<Contract>();
        }

        var contract = await contracts.FindAsync(id.Value, cancellationToken);
        return contract is not null && user.AccountId is { } account && contract.Terms.RequesterAccountId == account
            ? contract
            : Result.Fail<Contract>(DomainErrors.NotFound("contract_not_found", $"No contract {id.Value} of this account."));
    }
}
