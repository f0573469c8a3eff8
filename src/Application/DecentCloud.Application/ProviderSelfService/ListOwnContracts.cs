using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>
/// A provider lists its contracts, newest request first (<c>GET /api/v1/providers/me/contracts</c>), optionally in one
/// state, a page at a time.
/// </summary>
/// <param name="Signer">The signing account.</param>
/// <param name="State">A contract state's wire name, or <c>null</c> for every state.</param>
/// <param name="Offset">Rows skipped (0-10000).</param>
/// <param name="Limit">Rows returned (1-100, default 20).</param>
public sealed record ListOwnContracts(AccountPrincipal Signer, string? State, int? Offset, int? Limit) : IQuery<Result<ProviderContractPage>>;

/// <summary>Handles <see cref="ListOwnContracts"/>.</summary>
internal sealed class ListOwnContractsHandler(IProviderProfileStore profiles, IProviderSelfServiceStore store)
    : IQueryHandler<ListOwnContracts, Result<ProviderContractPage>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderContractPage>> Handle(ListOwnContracts query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var provider = await ProviderSelf.RequireAsync(profiles, query.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<ProviderContractPage>();
        }

        ContractState? state = null;
        if (query.State is not null)
        {
            state = ContractStates.FromWireName(query.State);
            if (state is null)
            {
                return Result.Fail(DomainError.Invalid("invalid_state", $"state: '{query.State}' is not a contract state."));
            }
        }

        var window = PageWindow.Of(query.Offset, query.Limit);
        if (window.IsFailed)
        {
            return window.ToResult<ProviderContractPage>();
        }

        var (rows, next) = window.Value.Cut(await store.ListContractsAsync(provider.Value, state, window.Value.Offset, window.Value.Fetch, cancellationToken));
        return new ProviderContractPage([.. rows.Select(ProviderContracts.View)], next);
    }
}
