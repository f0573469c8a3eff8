using DecentCloud.Application.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// <c>planned → submitted</c> (<c>POST /api/v1/admin/payouts/{id}/submitted</c>, admin-signed): <c>dc-payout</c> is about to
/// send the recorded transfer. Idempotent, so a CLI that crashed after this call can call it again before resending.
/// </summary>
/// <param name="Actor">The admin's public key.</param>
/// <param name="ClientAddress">The admin's network address.</param>
/// <param name="PayoutId">The payout.</param>
public sealed record MarkPayoutSubmitted(string Actor, string? ClientAddress, Guid PayoutId) : ICommand<Result<PayoutStatus>>, IAudited, IRetryOnConflict
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) => new("payout.submitted", AuditNote.OutcomeOf(result), Actor, PayoutId.ToString("D"), ClientAddress);
}

/// <summary>Handles <see cref="MarkPayoutSubmitted"/>.</summary>
internal sealed class MarkPayoutSubmittedHandler(IAutomatedPayoutStore payouts, IUnitOfWork unitOfWork) : ICommandHandler<MarkPayoutSubmitted, Result<PayoutStatus>>
{
    /// <inheritdoc />
    public async ValueTask<Result<PayoutStatus>> Handle(MarkPayoutSubmitted command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await PayoutTransition.RunAsync(payouts, unitOfWork, command.PayoutId, p => Task.FromResult(p.MarkSubmitted()), cancellationToken);
    }
}
