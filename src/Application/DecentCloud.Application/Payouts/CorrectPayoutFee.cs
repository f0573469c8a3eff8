using DecentCloud.Application.Common;
using DecentCloud.Domain.Money.Payouts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// After the ledger answered <c>BadFee</c> (<c>POST /api/v1/admin/payouts/{id}/fee</c>, admin-signed): records its expected
/// fee and the amount that follows, once per payout, so the retry is sent with recorded arguments too.
/// </summary>
/// <param name="Actor">The admin's public key.</param>
/// <param name="ClientAddress">The admin's network address.</param>
/// <param name="PayoutId">The payout.</param>
/// <param name="ExpectedFee">The ledger's <c>expected_fee</c>, base units as decimal integer text.</param>
public sealed record CorrectPayoutFee(string Actor, string? ClientAddress, Guid PayoutId, string? ExpectedFee) : ICommand<Result<PayoutStatus>>, IAudited, IRetryOnConflict
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) => new("payout.fee", AuditNote.OutcomeOf(result), Actor, PayoutId.ToString("D"), ClientAddress);
}

/// <summary>Handles <see cref="CorrectPayoutFee"/>.</summary>
internal sealed class CorrectPayoutFeeHandler(IAutomatedPayoutStore payouts, IUnitOfWork unitOfWork) : ICommandHandler<CorrectPayoutFee, Result<PayoutStatus>>
{
    /// <inheritdoc />
    public async ValueTask<Result<PayoutStatus>> Handle(CorrectPayoutFee command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var fee = PayoutConversion.ParseBaseUnits(command.ExpectedFee, "expectedFee");
        if (fee.IsFailed)
        {
            return fee.ToResult<PayoutStatus>();
        }

        return await PayoutTransition.RunAsync(payouts, unitOfWork, command.PayoutId, p => Task.FromResult(p.CorrectFee(fee.Value)), cancellationToken);
    }
}
