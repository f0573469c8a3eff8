using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Domain.Money.Releases;

/// <summary>
/// The escrow of one provisioned rental: what the renter paid, how much of it was released to the provider or
/// refunded, and the rented time it is earned over (<see cref="Start"/> = provisioned, <see cref="End"/> = start +
/// duration). Invariant: <c>released + refunded ≤ paid</c> (checked here and by a database CHECK).
/// </summary>
/// <remarks>
/// Rounding: the provider has earned <c>floor(paid × (min(now, end) − start) / (end − start))</c> by <c>now</c>,
/// computed in 128-bit integers over ticks, and a release moves the earned total minus what was already released.
/// Because the floor is taken of the cumulative total, not of each period, no dust is lost between releases: any
/// split of the timeline into release points releases the same total as one release, and the release that reaches
/// the end brings the released total to exactly the paid amount (minus refunds).
/// </remarks>
public sealed class RentalEscrow
{
    private RentalEscrow()
    {
        ContractId = null!;
        ProviderId = null!;
    }

    /// <summary>The rental contract.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>The provider the contract rents from.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>Nano-USD the renter paid into escrow.</summary>
    public long PaidNanoUsd { get; private set; }

    /// <summary>Nano-USD released so far (gross: the provider's net plus the platform's fees).</summary>
    public long ReleasedNanoUsd { get; private set; }

    /// <summary>Nano-USD refunded to the renter.</summary>
    public long RefundedNanoUsd { get; private set; }

    /// <summary>When the rented time began (the machine was provisioned).</summary>
    public DateTimeOffset Start { get; private set; }

    /// <summary>When the rented time ends.</summary>
    public DateTimeOffset End { get; private set; }

    /// <summary>The end of the last released period (the start while nothing was released).</summary>
    public DateTimeOffset ReleasedUntil { get; private set; }

    /// <summary>What is still held: paid minus released minus refunded.</summary>
    public long HeldNanoUsd => PaidNanoUsd - ReleasedNanoUsd - RefundedNanoUsd;

    /// <summary>Whether everything paid was released or refunded.</summary>
    public bool IsSettled => HeldNanoUsd == 0;

    /// <summary>The escrow of a rental provisioned at <paramref name="start"/> that runs until <paramref name="end"/>.</summary>
    public static Result<RentalEscrow> Open(ContractId contractId, ProviderId providerId, long paidNanoUsd, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        ArgumentNullException.ThrowIfNull(providerId);
        if (paidNanoUsd <= 0 || end <= start)
        {
            return Result.Fail<RentalEscrow>(DomainError.Invalid(
                "invalid_escrow", $"an escrow needs a positive amount and an end after its start (paid {paidNanoUsd}, {start:O} to {end:O})."));
        }

        return new RentalEscrow
        {
            ContractId = contractId,
            ProviderId = providerId,
            PaidNanoUsd = paidNanoUsd,
            Start = start,
            End = end,
            ReleasedUntil = start,
        };
    }

    /// <summary>
    /// What a provider has earned by <paramref name="now"/> of <paramref name="paidNanoUsd"/> held from
    /// <paramref name="start"/> to <paramref name="end"/>: <c>floor(paid × (min(now, end) − start) / (end − start))</c>,
    /// zero before the start, exactly <paramref name="paidNanoUsd"/> from the end on.
    /// </summary>
    public static long EarnedBy(long paidNanoUsd, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paidNanoUsd);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        var elapsed = Math.Clamp((now - start).Ticks, 0, (end - start).Ticks);
        return (long)((Int128)paidNanoUsd * elapsed / (end - start).Ticks);
    }

    /// <summary>Whether a release is due: something is held and the last release is an interval old, or the end has come.</summary>
    public bool IsDue(DateTimeOffset now, TimeSpan interval) => !IsSettled && (ReleasedUntil + interval <= now || now >= End);

    /// <summary>
    /// Releases what was earned since the last release up to <c>min(now, end)</c> (kind <c>final</c> when that is the
    /// end, else <c>daily</c>); <c>null</c> when nothing was earned since (a period too short to earn one nano-USD moves
    /// <see cref="ReleasedUntil"/> without a row, the next release carries it).
    /// </summary>
    public PaymentRelease? Release(DateTimeOffset now, PlatformFee fee) => ReleaseUpTo(now, fee, cancellation: false);

    /// <summary>
    /// An early cancellation at <paramref name="now"/>: releases the part earned up to then (kind <c>cancellation</c>;
    /// it stays with the provider) and refunds the rest. Either part is <c>null</c> when it is zero.
    /// </summary>
    public (PaymentRelease? Release, PaymentRelease? Refund) Cancel(DateTimeOffset now, PlatformFee fee)
    {
        var release = ReleaseUpTo(now, fee, cancellation: true);
        var rest = HeldNanoUsd;
        if (rest == 0)
        {
            return (release, null);
        }

        var from = Min(now, End);
        RefundedNanoUsd += rest;
        CheckInvariant();
        return (release, PaymentRelease.Refunded(ContractId, ProviderId, Max(from, ReleasedUntil), End, rest, now));
    }

    private PaymentRelease? ReleaseUpTo(DateTimeOffset now, PlatformFee fee, bool cancellation)
    {
        if (IsSettled)
        {
            return null;
        }

        var periodEnd = Min(now, End);
        if (periodEnd <= ReleasedUntil)
        {
            return null;
        }

        var periodStart = ReleasedUntil;
        var due = Math.Min(EarnedBy(PaidNanoUsd, Start, End, periodEnd) - ReleasedNanoUsd, HeldNanoUsd);
        ReleasedUntil = periodEnd;
        if (due <= 0)
        {
            return null;
        }

        ReleasedNanoUsd += due;
        CheckInvariant();
        var kind = cancellation ? PaymentReleaseKind.Cancellation : periodEnd == End ? PaymentReleaseKind.Final : PaymentReleaseKind.Daily;
        return PaymentRelease.Released(ContractId, ProviderId, kind, periodStart, periodEnd, due, fee, now);
    }

    private void CheckInvariant()
    {
        if (ReleasedNanoUsd < 0 || RefundedNanoUsd < 0 || ReleasedNanoUsd + RefundedNanoUsd > PaidNanoUsd)
        {
            throw new InvalidOperationException(
                $"escrow of {ContractId.Hex}: released {ReleasedNanoUsd} + refunded {RefundedNanoUsd} exceeds paid {PaidNanoUsd}.");
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
