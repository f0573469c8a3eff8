using DecentCloud.Application.Books;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Releases;

namespace DecentCloud.Application.Releases;

/// <summary>
/// Books a release or a refund: the ledger transaction out of the contract's escrow and the release row, in the
/// caller's database transaction. The idempotency key is the contract and the period start (what the rows' unique
/// index holds), so a second worker that computed the same release books nothing and fails on the row instead.
/// </summary>
internal sealed class EscrowBooking(ILedger ledger, IReleaseStore releases)
{
    /// <summary>The idempotency key of the release of <paramref name="contractId"/> starting at <paramref name="periodStart"/>.</summary>
    public static string ReleaseKey(ContractId contractId, DateTimeOffset periodStart) => $"release:{contractId.Hex}:{periodStart.UtcTicks}";

    /// <summary>Moves the release's gross out of escrow: the fee to the revenue, the net to the provider's payable.</summary>
    public async Task ReleaseAsync(PaymentRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        List<LedgerPosting> postings = [new(LedgerAccount.Escrow(release.ContractId), -release.GrossNanoUsd)];
        if (release.NetNanoUsd > 0)
        {
            postings.Add(new(LedgerAccount.Payable(release.ProviderId), release.NetNanoUsd));
        }

        if (release.FeeNanoUsd > 0)
        {
            postings.Add(new(LedgerAccount.Revenue, release.FeeNanoUsd));
        }

        var transaction = LedgerTransaction.Create(Guid.NewGuid(), LedgerTransactionKind.EscrowRelease, ReleaseKey(release.ContractId, release.PeriodStart),
            release.CreatedAt, $"{release.Kind.ToWireName()} release of contract {release.ContractId.Hex}", postings).Value;
        await PostAsync(transaction, release, cancellationToken);
    }

    /// <summary>Moves the refund's amount out of escrow back to the renter's wallet (key <paramref name="idempotencyKey"/>).</summary>
    public async Task RefundAsync(PaymentRelease refund, Guid renterAccountId, string idempotencyKey, string memo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var transaction = LedgerTransaction.Transfer(LedgerTransactionKind.RentalRefund, idempotencyKey, refund.CreatedAt, memo,
            LedgerAccount.Escrow(refund.ContractId), LedgerAccount.Wallet(renterAccountId), Domain.Money.UsdAmount.FromNanoUsd(refund.GrossNanoUsd).Value).Value;
        await PostAsync(transaction, refund, cancellationToken);
    }

    private async Task PostAsync(LedgerTransaction transaction, PaymentRelease row, CancellationToken cancellationToken)
    {
        var posted = await ledger.PostAsync(transaction, cancellationToken);
        if (posted.IsFailed)
        {
            // The escrow row and the escrow account move together: a refusal means the books and the rows disagree.
            throw new BooksRefusedException(
                $"the {row.Kind.ToWireName()} of contract {row.ContractId.Hex} was refused by the books: {posted.Errors[0].Message}");
        }

        releases.AddRelease(row);
    }
}
