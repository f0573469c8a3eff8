using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.ProviderSelfService;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Earnings;

/// <summary>
/// A provider reads what it has earned (<c>GET /api/v1/providers/me/earnings</c>, signed by one of its devices):
/// pending (in escrow), released (unpaid), paid and fee totals, and per rental a page of the breakdown. A rental
/// appears once its machine was provisioned (before that the provider has earned nothing of it).
/// </summary>
/// <param name="Signer">The signing account.</param>
/// <param name="Offset">Rentals skipped (0-10000).</param>
/// <param name="Limit">Rentals returned (1-100, default 20).</param>
public sealed record ProviderEarnings(AccountPrincipal Signer, int? Offset, int? Limit) : IQuery<Result<EarningsView>>;

/// <summary>A provider's earnings.</summary>
/// <param name="Totals">Over every rental.</param>
/// <param name="Contracts">The page of rentals, newest first.</param>
/// <param name="NextOffset">The offset of the next page; <c>null</c> on the last.</param>
public sealed record EarningsView(EarningsTotals Totals, IReadOnlyList<ContractEarnings> Contracts, int? NextOffset);

/// <summary>Handles <see cref="ProviderEarnings"/>.</summary>
internal sealed class ProviderEarningsHandler(IProviderProfileStore profiles, IEarningsReader earnings)
    : IQueryHandler<ProviderEarnings, Result<EarningsView>>
{
    /// <inheritdoc />
    public async ValueTask<Result<EarningsView>> Handle(ProviderEarnings query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var provider = await ProviderSelf.RequireAsync(profiles, query.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<EarningsView>();
        }

        var window = PageWindow.Of(query.Offset, query.Limit);
        if (window.IsFailed)
        {
            return window.ToResult<EarningsView>();
        }

        var totals = await earnings.TotalsAsync(provider.Value, cancellationToken);
        var (rows, next) = window.Value.Cut(await earnings.ContractsAsync(provider.Value, window.Value.Offset, window.Value.Fetch, cancellationToken));
        return new EarningsView(totals, rows, next);
    }
}
