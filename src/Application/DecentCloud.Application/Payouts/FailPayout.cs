using DecentCloud.Application.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// <c>→ failed(reason)</c> (<c>POST /api/v1/admin/payouts/{id}/failed</c>, admin-signed): the ledger refused the transfer for
/// good; the payout's releases return to pending, for a later run or the manual path. Failing again changes nothing.
/// </summary>
/// <param name="Actor">The admin's public key.</param>
/// <param name="ClientAddress">The admin's network address.</param>
/// <param name="PayoutId">The payout.</param>
/// <param name="Reason">What the ledger answered (1-500 printable characters).</param>
public sealed record FailPayout(string Actor, string? ClientAddress, Guid PayoutId, string? Reason) : ICommand<Result<PayoutStatus>>, IAudited, IRetryOnConflict
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) => new("payout.failed", AuditNote.OutcomeOf(result), Actor, PayoutId.ToString("D"), ClientAddress);
}

/// <summary>Handles <see cref="FailPayout"/>.</summary>
internal sealed class FailPayoutHandler(IAutomatedPayoutStore payouts, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<FailPayout, Result<PayoutStatus>>
{
    /// <inheritdoc />
    public async ValueTask<Result<PayoutStatus>> Handle(FailPayout command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await PayoutTransition.RunAsync(payouts, unitOfWork, command.PayoutId, async payout =>
        {
            var failed = payout.Fail(command.Reason, time.Now());
            if (failed.IsSuccess && failed.Value)
            {
                // The payout's row first, so a racing confirmation or failure loses its version check and starts over.
                await unitOfWork.SaveChangesAsync(cancellationToken);
                await payouts.ReturnReleasesAsync(payout.Id, cancellationToken);
            }

            return failed.ToResult();
        }, cancellationToken);
    }
}
