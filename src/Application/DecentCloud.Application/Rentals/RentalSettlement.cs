using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Releases;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Rentals;

/// <summary>
/// Settles a rental's money and stock when its contract moves, inside the transaction of the move (it handles
/// <see cref="ContractStateChanged"/>, which the unit of work dispatches before it saves):
/// <list type="bullet">
/// <item>provisioned: the rental's escrow opens (<see cref="RentalEscrow"/>: paid, start, end), which the
/// <c>escrow-releases</c> job then releases pro rata;</item>
/// <item>ended before its machine was provisioned (rejected, expired, cancelled early, provisioning failed): the whole
/// escrow back to the wallet, with a <c>refunded</c> row;</item>
/// <item>completed: the final release of the rest to the provider;</item>
/// <item>cancelled after provisioning: a <c>cancellation</c> release of the part earned up to now (it stays with the
/// provider) and the rest back to the wallet, with a <c>refunded</c> row;</item>
/// <item>any end: the unit of stock back to the offering.</item>
/// </list>
/// </summary>
/// <remarks>
/// Every state a contract moves to from here on is final, so a contract ends once and its stock is released once.
/// The idempotency keys make a replay book nothing, and the escrow account (never below zero) and the escrow row's
/// CHECK both cap releases plus refunds at what was paid.
/// </remarks>
internal sealed class RentalSettlement(
    IContractStore contracts,
    IOfferingStore offerings,
    IReleaseStore releases,
    ILedger ledger,
    EscrowBooking booking,
    IOptions<EscrowOptions> options,
    TimeProvider time)
    : IDomainEventHandler<ContractStateChanged>
{
    /// <summary>The idempotency key of a rental's payment into escrow.</summary>
    public static string DebitKey(ContractId id) => "rental:" + id.Hex;

    /// <summary>The idempotency key of a rental's refund (whole, or the rest at a cancellation; a contract has at most one).</summary>
    public static string RefundKey(ContractId id) => "refund:" + id.Hex;

    /// <inheritdoc />
    public async Task HandleAsync(ContractStateChanged domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.To != ContractState.Provisioned && !domainEvent.To.IsTerminal())
        {
            return;
        }

        // The contract that raised the event is tracked by this scope, so this finds it without a query.
        var contract = await contracts.FindAsync(domainEvent.ContractId, cancellationToken);
        if (contract is not { IsRental: true, RentalOfferingId: { } offeringId })
        {
            return;
        }

        if (domainEvent.To == ContractState.Provisioned)
        {
            await OpenEscrowAsync(contract, cancellationToken);
            return;
        }

        if (contract.NeverProvisioned)
        {
            await RefundAllAsync(contract, cancellationToken);
        }
        else if (await OpenEscrowAsync(contract, cancellationToken) is { } escrow)
        {
            await SettleProvisionedAsync(contract, escrow, cancellationToken);
        }

        await offerings.ReleaseAsync(offeringId, cancellationToken);
    }

    /// <summary>The contract's escrow: the one opened at provisioning, or a new one (a rental provisioned before escrows existed).</summary>
    private async Task<RentalEscrow?> OpenEscrowAsync(Contract contract, CancellationToken cancellationToken)
    {
        if (await releases.FindEscrowAsync(contract.Id, cancellationToken) is { } existing)
        {
            return existing;
        }

        if (contract is not { RentalPriceNanoUsd: { } paid, ProvisionedAt: { } start, EndsAt: { } end })
        {
            return null;
        }

        var opened = RentalEscrow.Open(contract.Id, contract.Terms.ProviderId, paid, start, end);
        if (opened.IsFailed)
        {
            throw new InvalidOperationException($"contract {contract.Id.Hex} cannot open its escrow: {opened.Errors[0].Message}");
        }

        releases.AddEscrow(opened.Value);
        return opened.Value;
    }

    private async Task SettleProvisionedAsync(Contract contract, RentalEscrow escrow, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var fee = options.Value.Fee;
        if (contract.State == ContractState.Completed)
        {
            // Completed means the rented time was delivered: the rest up to the end is earned, even a little early. The
            // period always ends at the end, so a retried completion books the same key with the same amount.
            if (escrow.Release(now > escrow.End ? now : escrow.End, fee) is { } final)
            {
                await booking.ReleaseAsync(final, cancellationToken);
            }

            return;
        }

        var (release, refund) = escrow.Cancel(now, fee);
        if (release is not null)
        {
            await booking.ReleaseAsync(release, cancellationToken);
        }

        if (refund is not null)
        {
            await booking.RefundAsync(refund, contract.Terms.RequesterAccountId, RefundKey(contract.Id),
                $"rental {contract.State.ToWireName()} after provisioning: the unreleased rest", cancellationToken);
        }
    }

    private async Task RefundAllAsync(Contract contract, CancellationToken cancellationToken)
    {
        var held = await ledger.BalanceAsync(LedgerAccount.Escrow(contract.Id), cancellationToken);
        if (held <= 0)
        {
            return;
        }

        var now = time.Now();
        var refund = PaymentRelease.Refunded(contract.Id, contract.Terms.ProviderId, now, now, held, now);
        await booking.RefundAsync(refund, contract.Terms.RequesterAccountId, RefundKey(contract.Id),
            $"rental ended {contract.State.ToWireName()} before provisioning", cancellationToken);
    }
}
