using CsCheck;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;

namespace DecentCloud.Domain.Tests;

/// <summary>The rental price rule: monthly × duration / 30 days, rounded up to the nano-USD.</summary>
public class RentalPriceTests
{
    private const long Month = 30L * 86400;

    [Theory]
    [InlineData(30_000_000_000L, Month, 30_000_000_000L)]            // 30 days is exactly the monthly price
    [InlineData(30_000_000_000L, Month / 2, 15_000_000_000L)]        // half a month, exact
    [InlineData(30_000_000_000L, 86400, 1_000_000_000L)]             // one day of 30 USD is 1 USD
    [InlineData(30_000_000_000L, 1, 11_575L)]                        // 11574.07… rounds up
    [InlineData(1L, 1, 1L)]                                          // a priced rental is never free through rounding
    [InlineData(1L, Month, 1L)]
    [InlineData(2_592_000L, 1, 1L)]                                  // exactly 1 nano per second: no rounding
    [InlineData(2_592_001L, 1, 2L)]
    [InlineData(10_000_000_000L, 10L * 365 * 86400, 1_216_666_666_667L)] // 10 years of 10 USD: 1216.666…, rounded up
    [InlineData(0L, 3600, 0L)]
    public void Prices_are_monthly_times_duration_over_30_days_rounded_up_to_the_nano(long monthlyNano, long seconds, long expectedNano)
    {
        var monthly = UsdAmount.FromNanoUsd(monthlyNano).Value;
        Assert.Equal(expectedNano, RentalPrice.For(monthly, seconds).Value.NanoUsd);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(10L * 365 * 86400 + 1)]
    public void Durations_outside_1_second_to_10_years_are_refused(long seconds) =>
        Assert.Equal("invalid_duration", RentalPrice.For(UsdAmount.FromWholeUsd(10).Value, seconds).FirstDomainError().Code);

    [Fact]
    public void A_price_that_would_not_fit_is_refused_not_wrapped()
    {
        Assert.Equal("amount_overflow", RentalPrice.For(UsdAmount.MaxValue, Month + 1).FirstDomainError().Code);
        Assert.Equal(UsdAmount.MaxValue, RentalPrice.For(UsdAmount.MaxValue, Month).Value);

        // The dearest offering allowed, for the longest rental, still fits.
        Assert.True(RentalPrice.For(OfferingSpec.MaxMonthlyPrice, RentalPrice.MaxDurationSeconds).IsSuccess);
    }

    [Fact]
    public void Price_is_monotonic_in_duration_bounded_by_whole_months_and_never_below_the_exact_amount()
    {
        var monthly = Gen.Long[0, OfferingSpec.MaxMonthlyPrice.NanoUsd];
        var seconds = Gen.Long[1, RentalPrice.MaxDurationSeconds];
        Gen.Select(monthly, seconds, seconds).Sample((m, a, b) =>
        {
            var amount = UsdAmount.FromNanoUsd(m).Value;
            var (shorter, longer) = a <= b ? (a, b) : (b, a);
            var low = RentalPrice.For(amount, shorter).Value.NanoUsd;
            var high = RentalPrice.For(amount, longer).Value.NanoUsd;
            Assert.True(low <= high, $"{m} nano/month: {shorter}s costs {low}, {longer}s costs {high}");

            var months = (longer + Month - 1) / Month;
            Assert.True((Int128)high <= (Int128)m * months + 1, $"{longer}s exceeds {months} whole months");

            // Rounded up, by less than one nano: exact ≤ price < exact + 1.
            var exact = (Int128)m * longer;
            Assert.True((Int128)high * Month >= exact && ((Int128)high - 1) * Month < exact);
        });
    }

    [Fact]
    public void Thirty_days_cost_exactly_the_monthly_price()
    {
        Gen.Long[0, long.MaxValue].Sample(m =>
            Assert.Equal(m, RentalPrice.For(UsdAmount.FromNanoUsd(m).Value, Month).Value.NanoUsd));
    }
}
