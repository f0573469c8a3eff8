using System.Globalization;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Payouts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// <c>submitted → confirmed(block)</c> (<c>POST /api/v1/admin/payouts/{id}/confirmed</c>, admin-signed): the ledger holds the
/// transfer (<c>Ok</c> or <c>Duplicate</c>) in that block. In one transaction the payout's releases become <c>paid_out</c> and
/// the books move its USD from the provider's payable to the token's ICRC-1 rail. The same block again changes nothing;
/// another block, or a block another payout holds, is a conflict.
/// </summary>
/// <param name="Actor">The admin's public key.</param>
/// <param name="ClientAddress">The admin's network address.</param>
/// <param name="PayoutId">The payout.</param>
/// <param name="BlockIndex">The block index, decimal integer text.</param>
public sealed record ConfirmPayout(string Actor, string? ClientAddress, Guid PayoutId, string? BlockIndex) : ICommand<Result<PayoutStatus>>, IAudited, IRetryOnConflict
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) => new("payout.confirmed", AuditNote.OutcomeOf(result), Actor, PayoutId.ToString("D"), ClientAddress);
}

/// <summary>Handles <see cref="ConfirmPayout"/>.</summary>
internal sealed class ConfirmPayoutHandler(IAutomatedPayoutStore payouts, ILedger ledger, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<ConfirmPayout, Result<PayoutStatus>>
{
    /// <inheritdoc />
    public async ValueTask<Result<PayoutStatus>> Handle(ConfirmPayout command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var block = PayoutConversion.ParseBaseUnits(command.BlockIndex, "blockIndex");
        if (block.IsFailed)
        {
            return block.ToResult<PayoutStatus>();
        }

        return await PayoutTransition.RunAsync(payouts, unitOfWork, command.PayoutId, p => ConfirmAsync(p, block.Value, cancellationToken), cancellationToken);
    }

    private async Task<Result> ConfirmAsync(AutomatedPayout payout, long block, CancellationToken cancellationToken)
    {
        if (payout.State != AutomatedPayoutState.Confirmed && await payouts.BlockTakenAsync(payout.LedgerCanisterId, block, payout.Id, cancellationToken))
        {
            return Result.Fail(DomainErrors.Conflict("block_taken", string.Create(CultureInfo.InvariantCulture,
                $"Block {block} of ledger {payout.LedgerCanisterId} already confirms another payout.")));
        }

        var confirmed = payout.Confirm(block, time.Now());
        if (confirmed.IsFailed || !confirmed.Value)
        {
            return confirmed.ToResult();
        }

        // The payout's row first: of two confirmations racing, the second fails its version check here and starts over.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var paid = await payouts.MarkReleasesPaidAsync(payout.Id, cancellationToken);
        if (paid != payout.ReleaseIds.Count)
        {
            // Reserved rows are only ever moved by this payout: a mismatch is a broken invariant, rolled back by throwing.
            throw new InvalidOperationException($"payout {payout.Id} held {payout.ReleaseIds.Count} releases but {paid} could be paid out.");
        }

        var transfer = LedgerTransaction.Transfer(LedgerTransactionKind.Payout, RecordManualPayoutHandler.PayoutKey(payout.Id), payout.SettledAt!.Value,
            string.Create(CultureInfo.InvariantCulture, $"icrc1 payout {payout.Token} block {block}"), LedgerAccount.Payable(payout.ProviderId),
            LedgerAccount.Icrc1(payout.Token).Value, UsdAmount.FromNanoUsd(payout.AmountNanoUsd).Value).Value;
        var posted = await ledger.PostAsync(transfer, cancellationToken);
        if (posted.IsFailed)
        {
            throw new InvalidOperationException($"the payout {payout.Id} was refused by the books: {posted.Errors[0].Message}");
        }

        return Result.Ok();
    }
}
