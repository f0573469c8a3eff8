using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>One payout, automated or manual, with its state and transfer arguments (<c>GET /api/v1/admin/payouts/{id}</c>, admin-signed).</summary>
/// <param name="PayoutId">The payout.</param>
public sealed record GetPayout(Guid PayoutId) : IQuery<Result<PayoutStatus>>;

/// <summary>Handles <see cref="GetPayout"/>.</summary>
internal sealed class GetPayoutHandler(IAutomatedPayoutStore payouts) : IQueryHandler<GetPayout, Result<PayoutStatus>>
{
    /// <inheritdoc />
    public async ValueTask<Result<PayoutStatus>> Handle(GetPayout query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await payouts.FindAsync(query.PayoutId, cancellationToken) is { } automated)
        {
            return PayoutStatus.Of(automated);
        }

        if (await payouts.FindManualAsync(query.PayoutId, cancellationToken) is { } manual)
        {
            return PayoutStatus.Of(manual.Payout, manual.ReleaseIds);
        }

        return Result.Fail<PayoutStatus>(DomainErrors.NotFound("payout_not_found", $"No payout {query.PayoutId:D}."));
    }
}
