using System.Globalization;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Releases;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// The operator records a payment made by hand (in ICPay's dashboard) to a provider (<c>POST /api/v1/admin/payouts</c>,
/// admin-signed): exactly the provider's released rows (all of them, or the ones named) become <c>paid_out</c>, and the
/// amount moves from the provider's payable to the manual rail. The amount must equal the sum of those rows and the
/// payment reference is required, so nothing is marked paid without a payment. Every call is audited with the admin as actor.
/// </summary>
/// <param name="Actor">The admin's public key (who signed the request).</param>
/// <param name="ClientAddress">The admin's network address, for the audit trail.</param>
/// <param name="ProviderPubkey">The provider paid (its provider id text).</param>
/// <param name="WalletAddress">Where the money went.</param>
/// <param name="ExternalReference">The payment's reference in the outside system (1-200 printable characters, unique per rail).</param>
/// <param name="AmountE9s">Nano-USD paid.</param>
/// <param name="ReleaseIds">The rows paid; <c>null</c> or empty for every released row of the provider.</param>
public sealed record RecordManualPayout(
    string Actor,
    string? ClientAddress,
    string? ProviderPubkey,
    string? WalletAddress,
    string? ExternalReference,
    long AmountE9s,
    IReadOnlyList<Guid>? ReleaseIds) : ICommand<Result<PayoutView>>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        new("payout.record", AuditNote.OutcomeOf(result), Actor, AuditNote.Truncate(ProviderPubkey), ClientAddress);
}

/// <summary>A recorded payout.</summary>
/// <param name="PayoutId">Its id.</param>
/// <param name="ProviderPubkey">The provider paid.</param>
/// <param name="AmountE9s">Nano-USD paid.</param>
/// <param name="ExternalReference">The payment's reference.</param>
/// <param name="ReleaseIds">The rows it paid.</param>
/// <param name="At">When it was recorded.</param>
public sealed record PayoutView(Guid PayoutId, string ProviderPubkey, long AmountE9s, string ExternalReference, IReadOnlyList<Guid> ReleaseIds, DateTimeOffset At);

/// <summary>Handles <see cref="RecordManualPayout"/>.</summary>
internal sealed class RecordManualPayoutHandler(IPayoutStore payouts, ILedger ledger, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<RecordManualPayout, Result<PayoutView>>
{
    /// <summary>The idempotency key of a payout's ledger transaction.</summary>
    public static string PayoutKey(Guid payoutId) => "payout:" + payoutId.ToString("N");

    /// <inheritdoc />
    public async ValueTask<Result<PayoutView>> Handle(RecordManualPayout command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = ProviderId.Create(command.ProviderPubkey);
        if (provider.IsFailed)
        {
            return Result.Fail<PayoutView>(DomainError.Invalid("invalid_provider", "providerPubkey must be a provider id (1-128 characters of [A-Za-z0-9._:-])."));
        }

        var payout = Payout.RecordManual(provider.Value, command.WalletAddress, command.ExternalReference, command.AmountE9s, command.Actor, time.Now());
        if (payout.IsFailed)
        {
            return payout.ToResult<PayoutView>();
        }

        return await unitOfWork.InTransactionAsync(() => RecordAsync(command, payout.Value, cancellationToken), cancellationToken);
    }

    private async Task<Result<PayoutView>> RecordAsync(RecordManualPayout command, Payout payout, CancellationToken cancellationToken)
    {
        var named = command.ReleaseIds is { Count: > 0 } ids ? ids.Distinct().ToArray() : null;
        var rows = await payouts.ListReleasedAsync(payout.ProviderId, named, cancellationToken);
        if (named is not null && rows.Count != named.Length)
        {
            var missing = named.Except(rows.Select(r => r.Id)).Select(id => id.ToString("D"));
            return Conflict("release_not_pending", $"These releases are not released and unpaid releases of {payout.ProviderId.Value}: {string.Join(", ", missing)}.");
        }

        if (rows.Count == 0)
        {
            return Conflict("nothing_pending", $"Provider {payout.ProviderId.Value} has no released, unpaid releases.");
        }

        var total = rows.Sum(r => r.NetNanoUsd);
        if (total != payout.AmountNanoUsd)
        {
            var what = named is null ? "the pending total" : "the sum of the named releases";
            return Conflict("amount_mismatch", string.Create(CultureInfo.InvariantCulture,
                $"amountE9s {payout.AmountNanoUsd} does not equal {what} {total} of provider {payout.ProviderId.Value}; nothing was marked paid."));
        }

        if (await payouts.ReferenceTakenAsync(payout.Rail, payout.ExternalReference, cancellationToken))
        {
            return ReferenceTaken(payout);
        }

        var releaseIds = rows.Select(r => r.Id).ToArray();
        switch (await payouts.TryRecordAsync(payout, releaseIds, cancellationToken))
        {
            case PayoutWrite.ReleasesChanged:
                return Conflict("releases_changed", "Another payout paid some of these releases meanwhile; nothing was marked paid. List the pending releases again.");
            case PayoutWrite.ReferenceTaken:
                return ReferenceTaken(payout);
        }

        var transfer = LedgerTransaction.Transfer(LedgerTransactionKind.Payout, PayoutKey(payout.Id), payout.At,
            $"manual payout {payout.ExternalReference}", LedgerAccount.Payable(payout.ProviderId), LedgerAccount.Manual,
            Domain.Money.UsdAmount.FromNanoUsd(payout.AmountNanoUsd).Value).Value;
        var posted = await ledger.PostAsync(transfer, cancellationToken);
        if (posted.IsFailed)
        {
            // The payable holds every released row's net until it is paid: a refusal is a broken book, and throwing
            // rolls the payout and its rows back with the transaction.
            throw new InvalidOperationException($"the payout {payout.Id} was refused by the books: {posted.Errors[0].Message}");
        }

        return new PayoutView(payout.Id, payout.ProviderId.Value, payout.AmountNanoUsd, payout.ExternalReference, releaseIds, payout.At);
    }

    private static Result<PayoutView> ReferenceTaken(Payout payout) =>
        Conflict("duplicate_reference", $"A {payout.Rail} payout with reference '{payout.ExternalReference}' is already recorded.");

    private static Result<PayoutView> Conflict(string code, string message) => Result.Fail<PayoutView>(DomainErrors.Conflict(code, message));
}
