using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Payouts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// Payouts, newest first (<c>GET /api/v1/admin/payouts</c>, admin-signed), optionally of one state and token; manual
/// payouts are listed as <c>confirmed</c> when no token is asked for.
/// </summary>
/// <param name="State"><c>planned</c>, <c>submitted</c>, <c>confirmed</c> or <c>failed</c>; <c>null</c> for all.</param>
/// <param name="Token">A token symbol; <c>null</c> for all (manual payouts included).</param>
/// <param name="Offset">How many to skip (≥ 0, default 0).</param>
/// <param name="Limit">How many at most (1-1000, default 100).</param>
public sealed record ListPayouts(string? State, string? Token, int? Offset, int? Limit) : IQuery<Result<IReadOnlyList<PayoutStatus>>>;

/// <summary>Handles <see cref="ListPayouts"/>.</summary>
internal sealed class ListPayoutsHandler(IAutomatedPayoutStore payouts) : IQueryHandler<ListPayouts, Result<IReadOnlyList<PayoutStatus>>>
{
    /// <summary>The most payouts one page lists.</summary>
    public const int MaxLimit = 1000;

    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<PayoutStatus>>> Handle(ListPayouts query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<IError>();
        var state = query.State is null ? null : AutomatedPayoutStates.FromWireName(query.State);
        if (query.State is not null && state is null)
        {
            errors.Add(DomainError.Invalid("invalid_state", "state must be planned, submitted, confirmed or failed."));
        }

        if (query.Token is not null && Token.FromSymbol(query.Token).IsFailed)
        {
            errors.Add(DomainError.Invalid("invalid_token", "token must be one of DC, ICP, ckUSDC, ckUSDT."));
        }

        if (query.Offset is < 0)
        {
            errors.Add(DomainError.Invalid("invalid_offset", "offset must be 0 or more."));
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            errors.Add(DomainError.Invalid("invalid_limit", $"limit must be 1-{MaxLimit}."));
        }

        if (errors.Count > 0)
        {
            return Result.Fail<IReadOnlyList<PayoutStatus>>(errors);
        }

        var offset = query.Offset ?? 0;
        var limit = query.Limit ?? 100;
        // Both kinds newest first: the first offset + limit of each hold the page of their merge.
        var listed = (await payouts.ListAsync(state, query.Token, 0, offset + limit, cancellationToken)).Select(PayoutStatus.Of).ToList();
        if (query.Token is null && state is null or AutomatedPayoutState.Confirmed)
        {
            listed.AddRange((await payouts.ListManualAsync(0, offset + limit, cancellationToken)).Select(m => PayoutStatus.Of(m.Payout, m.ReleaseIds)));
        }

        return Result.Ok<IReadOnlyList<PayoutStatus>>([.. listed.OrderByDescending(p => p.PlannedAt).ThenBy(p => p.PayoutId).Skip(offset).Take(limit)]);
    }
}
