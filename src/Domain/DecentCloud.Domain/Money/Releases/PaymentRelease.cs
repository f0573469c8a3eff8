using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Money.Releases;

/// <summary>
/// One movement of a contract's escrow: a release to the provider (gross = fee + net) or a refund to the renter,
/// covering the rented time from <see cref="PeriodStart"/> to <see cref="PeriodEnd"/>. A contract has at most one row
/// per period start (a database unique index), so no period is released twice.
/// </summary>
public sealed class PaymentRelease
{
    private PaymentRelease()
    {
        ContractId = null!;
        ProviderId = null!;
    }

    /// <summary>The row's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The contract whose escrow moved.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>The provider the contract rents from.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>Why the escrow moved.</summary>
    public PaymentReleaseKind Kind { get; private set; }

    /// <summary>Where it stands.</summary>
    public PaymentReleaseState State { get; private set; }

    /// <summary>The start of the rented time it covers (the previous release's end).</summary>
    public DateTimeOffset PeriodStart { get; private set; }

    /// <summary>The end of the rented time it covers.</summary>
    public DateTimeOffset PeriodEnd { get; private set; }

    /// <summary>Nano-USD that left the escrow.</summary>
    public long GrossNanoUsd { get; private set; }

    /// <summary>The platform's fee out of the gross (zero for a refund).</summary>
    public long FeeNanoUsd { get; private set; }

    /// <summary>Gross minus fee: what the provider earned (for a refund, what the renter got back).</summary>
    public long NetNanoUsd { get; private set; }

    /// <summary>When the money moved.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The payout that paid it; <c>null</c> until paid.</summary>
    public Guid? PayoutId { get; private set; }

    /// <summary>A release of <paramref name="grossNanoUsd"/> to the provider, less the platform's <paramref name="fee"/>.</summary>
    public static PaymentRelease Released(
        ContractId contractId, ProviderId providerId, PaymentReleaseKind kind, DateTimeOffset periodStart, DateTimeOffset periodEnd,
        long grossNanoUsd, PlatformFee fee, DateTimeOffset now)
    {
        if (kind == PaymentReleaseKind.Refund)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "a refund is written by Refunded.");
        }

        var feeNanoUsd = fee.Of(grossNanoUsd);
        return New(contractId, providerId, kind, PaymentReleaseState.Released, periodStart, periodEnd, grossNanoUsd, feeNanoUsd, now);
    }

    /// <summary>A refund of <paramref name="amountNanoUsd"/> to the renter (no fee).</summary>
    public static PaymentRelease Refunded(
        ContractId contractId, ProviderId providerId, DateTimeOffset periodStart, DateTimeOffset periodEnd, long amountNanoUsd, DateTimeOffset now) =>
        New(contractId, providerId, PaymentReleaseKind.Refund, PaymentReleaseState.Refunded, periodStart, periodEnd, amountNanoUsd, 0, now);

    private static PaymentRelease New(
        ContractId contractId, ProviderId providerId, PaymentReleaseKind kind, PaymentReleaseState state, DateTimeOffset periodStart,
        DateTimeOffset periodEnd, long grossNanoUsd, long feeNanoUsd, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        ArgumentNullException.ThrowIfNull(providerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(grossNanoUsd);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodEnd, periodStart);
        return new PaymentRelease
        {
            Id = Guid.NewGuid(),
            ContractId = contractId,
            ProviderId = providerId,
            Kind = kind,
            State = state,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
            GrossNanoUsd = grossNanoUsd,
            FeeNanoUsd = feeNanoUsd,
            NetNanoUsd = grossNanoUsd - feeNanoUsd,
            CreatedAt = now,
        };
    }
}
