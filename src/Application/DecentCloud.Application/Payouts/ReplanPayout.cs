using DecentCloud.Application.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// After <c>TooOld</c> (<c>POST /api/v1/admin/payouts/{id}/replan</c>, admin-signed), once <c>dc-payout</c> checked the ledger
/// holds no transfer with the old memo: the next attempt, with a new <c>created_at_time</c> and memo, back to planned.
/// </summary>
/// <param name="Actor">The admin's public key.</param>
/// <param name="ClientAddress">The admin's network address.</param>
/// <param name="PayoutId">The payout.</param>
public sealed record ReplanPayout(string Actor, string? ClientAddress, Guid PayoutId) : ICommand<Result<PayoutStatus>>, IAudited, IRetryOnConflict
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) => new("payout.replan", AuditNote.OutcomeOf(result), Actor, PayoutId.ToString("D"), ClientAddress);
}

/// <summary>Handles <see cref="ReplanPayout"/>.</summary>
internal sealed class ReplanPayoutHandler(IAutomatedPayoutStore payouts, IUnitOfWork unitOfWork, TimeProvider time) : ICommandHandler<ReplanPayout, Result<PayoutStatus>>
{
    /// <inheritdoc />
    public async ValueTask<Result<PayoutStatus>> Handle(ReplanPayout command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await PayoutTransition.RunAsync(payouts, unitOfWork, command.PayoutId, p => Task.FromResult(p.Replan(time.Now())), cancellationToken);
    }
}
