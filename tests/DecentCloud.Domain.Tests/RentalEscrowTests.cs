using CsCheck;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Releases;

namespace DecentCloud.Domain.Tests;

/// <summary>The pro-rata release rule: cumulative floors, monotone, never above paid, exact at the end, split-invariant.</summary>
public sealed class RentalEscrowTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ContractId Contract = ContractId.FromHex(new string('a', 64)).Value;
    private static readonly ProviderId Provider = ProviderId.Create("provider-1").Value;

    private static readonly Gen<long> Paid = Gen.Long[1, 10_000_000_000_000];
    private static readonly Gen<long> DurationTicks = Gen.Long[1, TimeSpan.FromDays(3650).Ticks];

    [Fact]
    public void Earned_is_monotone_never_above_paid_and_exact_at_the_end() =>
        Gen.Select(Paid, DurationTicks, Gen.Long[-TimeSpan.TicksPerDay, TimeSpan.FromDays(3700).Ticks], Gen.Long[0, TimeSpan.FromDays(10).Ticks])
            .Sample((paid, duration, at, step) =>
            {
                var end = Start.AddTicks(duration);
                var earlier = RentalEscrow.EarnedBy(paid, Start, end, Start.AddTicks(at));
                var later = RentalEscrow.EarnedBy(paid, Start, end, Start.AddTicks(at + step));
                return earlier >= 0 && earlier <= later && later <= paid && RentalEscrow.EarnedBy(paid, Start, end, end) == paid;
            });

    [Fact]
    public void Any_split_of_the_timeline_into_release_points_releases_exactly_what_one_release_does() =>
        Gen.Select(Paid, DurationTicks, Gen.Long[0, TimeSpan.FromDays(3700).Ticks].Array[0, 40], Gen.Int[0, 9_999])
            .Sample((paid, duration, points, basisPoints) =>
            {
                var fee = PlatformFee.FromPercent(basisPoints / 100m).Value;
                var end = Start.AddTicks(duration);
                var split = RentalEscrow.Open(Contract, Provider, paid, Start, end).Value;
                var released = points.Order().Select(p => split.Release(Start.AddTicks(p), fee)).Append(split.Release(end, fee))
                    .OfType<PaymentRelease>().ToList();
                var whole = RentalEscrow.Open(Contract, Provider, paid, Start, end).Value.Release(end, fee)!;
                return released.Sum(r => r.GrossNanoUsd) == paid
                    && whole.GrossNanoUsd == paid
                    && split.IsSettled
                    && released.All(r => r.FeeNanoUsd + r.NetNanoUsd == r.GrossNanoUsd && r.FeeNanoUsd == fee.Of(r.GrossNanoUsd))
                    && released.Select(r => r.PeriodStart).Distinct().Count() == released.Count
                    && released[^1].Kind == PaymentReleaseKind.Final;
            });

    [Fact]
    public void A_cancellation_keeps_the_earned_part_with_the_provider_and_refunds_exactly_the_rest() =>
        Gen.Select(Paid, DurationTicks, Gen.Long[0, TimeSpan.FromDays(3700).Ticks], Gen.Long[0, TimeSpan.FromDays(3700).Ticks])
            .Sample((paid, duration, daily, cancelAt) =>
            {
                var end = Start.AddTicks(duration);
                var escrow = RentalEscrow.Open(Contract, Provider, paid, Start, end).Value;
                var first = escrow.Release(Start.AddTicks(Math.Min(daily, cancelAt)), PlatformFee.None);
                var (release, refund) = escrow.Cancel(Start.AddTicks(cancelAt), PlatformFee.None);
                var earned = RentalEscrow.EarnedBy(paid, Start, end, Start.AddTicks(cancelAt));
                return (first?.GrossNanoUsd ?? 0) + (release?.GrossNanoUsd ?? 0) == earned
                    && (refund?.GrossNanoUsd ?? 0) == paid - earned
                    && escrow.IsSettled
                    && escrow.ReleasedNanoUsd + escrow.RefundedNanoUsd == paid
                    && (refund is null || refund.State == PaymentReleaseState.Refunded)
                    && escrow.Release(end.AddDays(1), PlatformFee.None) is null;
            });

    [Fact]
    public void Two_thirds_of_the_time_releases_the_floor_of_two_thirds_and_the_end_releases_the_remainder()
    {
        var escrow = RentalEscrow.Open(Contract, Provider, 100, Start, Start.AddDays(3)).Value;
        Assert.False(escrow.IsDue(Start.AddHours(23), TimeSpan.FromDays(1)));
        Assert.True(escrow.IsDue(Start.AddDays(1), TimeSpan.FromDays(1)));
        var first = escrow.Release(Start.AddDays(1), PlatformFee.None)!;
        var second = escrow.Release(Start.AddDays(2), PlatformFee.None)!;
        var last = escrow.Release(Start.AddDays(5), PlatformFee.None)!;
        Assert.Equal((33L, 33L, 34L), (first.GrossNanoUsd, second.GrossNanoUsd, last.GrossNanoUsd));
        Assert.Equal((PaymentReleaseKind.Daily, PaymentReleaseKind.Final), (second.Kind, last.Kind));
        Assert.Equal(Start.AddDays(3), last.PeriodEnd);
        Assert.False(escrow.IsDue(Start.AddDays(9), TimeSpan.FromDays(1)));
    }

    [Theory]
    [InlineData("0", 0, 0)]
    [InlineData("2.5", 250, 25_000_000)]
    [InlineData("99.99", 9_999, 999_900_000)]
    [InlineData("33.33", 3333, 333_300_000)]
    public void The_fee_is_the_floor_of_the_percentage(string percent, int basisPoints, long feeOfOneUsd)
    {
        var fee = PlatformFee.FromPercent(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)).Value;
        Assert.Equal((basisPoints, feeOfOneUsd, 0L), (fee.BasisPoints, fee.Of(1_000_000_000), fee.Of(0)));
        Assert.Equal(33, PlatformFee.FromPercent(33.33m).Value.Of(100));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100")]
    [InlineData("100.01")]
    [InlineData("1.005")]
    public void A_fee_of_100_percent_or_more_below_0_or_with_more_than_two_decimals_is_refused(string percent)
    {
        var refused = PlatformFee.FromPercent(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("invalid_platform_fee", Assert.IsType<Common.DomainError>(refused.Errors[0]).Code);
    }

    [Fact]
    public void An_escrow_needs_a_positive_amount_and_an_end_after_its_start_and_a_payout_its_reference()
    {
        Assert.True(RentalEscrow.Open(Contract, Provider, 0, Start, Start.AddDays(1)).IsFailed);
        Assert.True(RentalEscrow.Open(Contract, Provider, 1, Start, Start).IsFailed);
        var payout = Payout.RecordManual(Provider, "acct", " ", 0, "", Start);
        Assert.Equal(
            ["invalid_external_reference", "invalid_amount", "invalid_actor"],
            payout.Errors.Select(e => Assert.IsType<Common.DomainError>(e).Code));
        Assert.True(Payout.RecordManual(Provider, "acct", "icpay-tx-1", 5, "admin", Start).IsSuccess);
    }
}
