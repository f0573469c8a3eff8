using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money.Payouts;
using FluentResults;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// The shape every automated payout transition shares: in one transaction, load the payout (404 <c>payout_not_found</c>),
/// apply the change (which may save first and then move its releases or books), and save it. The commands retry on a
/// concurrency conflict, so a transition that lost a race runs again on the winner's state.
/// </summary>
internal static class PayoutTransition
{
    public static Result<PayoutStatus> NotFound(Guid payoutId) =>
        Result.Fail<PayoutStatus>(DomainErrors.NotFound("payout_not_found", $"No automated payout {payoutId:D}."));

    public static Task<Result<PayoutStatus>> RunAsync(
        IAutomatedPayoutStore payouts, IUnitOfWork unitOfWork, Guid payoutId, Func<AutomatedPayout, Task<Result>> change, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async () =>
        {
            var payout = await payouts.FindAsync(payoutId, cancellationToken);
            if (payout is null)
            {
                return NotFound(payoutId);
            }

            var changed = await change(payout);
            if (changed.IsFailed)
            {
                return changed.ToResult<PayoutStatus>();
            }

            await unitOfWork.SaveChangesAsync(cancellationToken);
            return Result.Ok(PayoutStatus.Of(payout));
        }, cancellationToken);
}
