using DecentCloud.Application.Accounts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.ProviderSelfService;
using DecentCloud.Domain.Common;
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
    private const int MaxOffset = 10_000;
    private const int MaxLimit = 100;
    private const int DefaultLimit = 20;

    /// <inheritdoc />
    public async ValueTask<Result<EarningsView>> Handle(ProviderEarnings query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var provider = await ProviderSelf.RequireAsync(profiles, query.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<EarningsView>();
        }

        var offset = query.Offset ?? 0;
        var limit = query.Limit ?? DefaultLimit;
        if (offset is < 0 or > MaxOffset)
        {
            return Result.Fail(DomainError.Invalid("invalid_offset", $"offset: between 0 and {MaxOffset}."));
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Result.Fail(DomainError.Invalid("invalid_limit", $"limit: between 1 and {MaxLimit}."));
        }

        var totals = await earnings.TotalsAsync(provider.Value, cancellationToken);
        // One row more than asked tells whether another page follows without counting.
        var rows = await earnings.ContractsAsync(provider.Value, offset, limit + 1, cancellationToken);
        return new EarningsView(totals, [.. rows.Take(limit)], rows.Count > limit ? offset + limit : null);
    }
}
