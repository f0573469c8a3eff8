using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;

namespace DecentCloud.Application.Rentals;

/// <summary>
/// Settles a rental's money and stock when its contract moves, inside the transaction of the move (it handles
/// <see cref="ContractStateChanged"/>, which the unit of work dispatches before it saves): a rental that ends before
/// its machine was provisioned (rejected, expired, cancelled early, provisioning failed) gets its whole escrow back in
/// its wallet, and any rental that ends gives its unit of stock back to the offering.
/// </summary>
/// <remarks>
/// Every state a contract moves to from here on is final, so a contract ends once and its stock is released once.
/// The refund's idempotency key makes a replay book nothing, and the escrow can never go below zero, so releases plus
/// refunds never exceed what was paid. Cancellation after provisioning (a pro-rata split) and the daily releases to
/// the provider are not settled here yet: their escrow stays held.
/// </remarks>
internal sealed class RentalSettlement(IContractStore contracts, IOfferingStore offerings, ILedger ledger, TimeProvider time)
    : IDomainEventHandler<ContractStateChanged>
{
    /// <summary>The idempotency key of a rental's payment into escrow.</summary>
    public static string DebitKey(ContractId id) => "rental:" + id.Hex;

    /// <summary>The idempotency key of a rental's full refund.</summary>
    public static string RefundKey(ContractId id) => "refund:" + id.Hex;

    /// <inheritdoc />
    public async Task HandleAsync(ContractStateChanged domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (!domainEvent.To.IsTerminal())
        {
            return;
        }

        // The contract that raised the event is tracked by this scope, so this finds it without a query.
        var contract = await contracts.FindAsync(domainEvent.ContractId, cancellationToken);
        if (contract is not { IsRental: true, RentalOfferingId: { } offeringId })
        {
            return;
        }

        if (contract.NeverProvisioned)
        {
            await RefundAsync(contract, cancellationToken);
        }

        await offerings.ReleaseAsync(offeringId, cancellationToken);
    }

    private async Task RefundAsync(Contract contract, CancellationToken cancellationToken)
    {
        var escrow = LedgerAccount.Escrow(contract.Id);
        var held = await ledger.BalanceAsync(escrow, cancellationToken);
        if (held <= 0)
        {
            return;
        }

        var refund = LedgerTransaction.Transfer(LedgerTransactionKind.RentalRefund, RefundKey(contract.Id), time.Now(),
            $"rental ended {contract.State.ToWireName()} before provisioning", escrow, LedgerAccount.Wallet(contract.Terms.RequesterAccountId),
            UsdAmount.FromNanoUsd(held).Value).Value;
        var posted = await ledger.PostAsync(refund, cancellationToken);
        if (posted.IsFailed)
        {
            // The balance was read in this transaction and the escrow only shrinks by this key: a refusal is a broken book.
            throw new InvalidOperationException($"the refund of contract {contract.Id.Hex} was refused: {posted.Errors[0].Message}");
        }
    }
}
