using CsCheck;
using DecentCloud.Domain.Money.Prices;

namespace DecentCloud.Domain.Tests;

/// <summary>The price rule: median of fresh quotes, quorum, outliers dropped, stale quotes ignored, never a made-up price.</summary>
public sealed class PriceAggregationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PricePolicy Policy = PricePolicy.Create(TimeSpan.FromMinutes(10), 2, 5m).Value;

    private static PriceQuote Quote(string source, decimal price, int minutesAgo = 0) =>
        PriceQuote.Create(source, "ICP", price, Now.AddMinutes(-minutesAgo)).Value;

    [Fact]
    public void The_median_of_three_agreeing_sources_is_chosen()
    {
        var decision = PriceAggregation.Choose("ICP", [Quote("kraken", 10.00m), Quote("coinbase", 10.20m), Quote("binance", 10.10m)], Policy, Now);

        Assert.Equal(new ChosenPrice("ICP", 10.10m, Now, 3), decision.Chosen);
        Assert.All(decision.Verdicts, v => Assert.True(v.Used));
    }

    [Fact]
    public void An_even_count_takes_the_mean_of_the_two_middle_prices()
    {
        var decision = PriceAggregation.Choose("ICP", [Quote("a", 10.00m), Quote("b", 10.20m)], Policy, Now);

        Assert.Equal(10.10m, decision.Chosen!.PriceUsd);
    }

    [Fact]
    public void An_outlier_is_dropped_and_the_median_recomputed_over_the_rest()
    {
        var decision = PriceAggregation.Choose("ICP", [Quote("a", 10.00m), Quote("b", 10.20m), Quote("c", 10.10m), Quote("bad", 99m)], Policy, Now);

        Assert.Equal(10.10m, decision.Chosen!.PriceUsd);
        Assert.Equal(3, decision.Chosen.SourceCount);
        var bad = Assert.Single(decision.Verdicts, v => v.Quote.Source == "bad");
        Assert.Equal((false, QuoteVerdict.Outlier), (bad.Used, bad.Reason));
    }

    [Fact]
    public void Two_sources_that_disagree_beyond_the_spread_leave_no_quorum()
    {
        // median 15: both are 33 % away, so both are outliers and nothing remains.
        var decision = PriceAggregation.Choose("ICP", [Quote("a", 10m), Quote("b", 20m)], Policy, Now);

        Assert.Null(decision.Chosen);
        Assert.All(decision.Verdicts, v => Assert.Equal((false, QuoteVerdict.Outlier), (v.Used, v.Reason)));
    }

    [Fact]
    public void Quotes_older_than_the_max_age_do_not_count_towards_the_quorum()
    {
        var decision = PriceAggregation.Choose("ICP", [Quote("a", 10m), Quote("b", 10m, minutesAgo: 11)], Policy, Now);

        Assert.Null(decision.Chosen);
        Assert.Equal(QuoteVerdict.NoQuorum, decision.Verdicts.Single(v => v.Quote.Source == "a").Reason);
        Assert.Equal(QuoteVerdict.Stale, decision.Verdicts.Single(v => v.Quote.Source == "b").Reason);
    }

    [Fact]
    public void A_single_configured_source_with_quorum_one_is_enough()
    {
        var single = PricePolicy.Create(TimeSpan.FromMinutes(10), PricePolicy.DefaultQuorum(1), 5m).Value;

        var decision = PriceAggregation.Choose("ICP", [Quote("kraken", 9.87m)], single, Now);

        Assert.Equal(9.87m, decision.Chosen!.PriceUsd);
        Assert.Equal((1, 2, 2), (PricePolicy.DefaultQuorum(1), PricePolicy.DefaultQuorum(2), PricePolicy.DefaultQuorum(5)));
    }

    [Fact]
    public void One_source_counts_once_with_its_newest_fresh_quote()
    {
        var decision = PriceAggregation.Choose("ICP", [Quote("a", 10m, 1), Quote("a", 11m, 5), Quote("a", 12m, 30)], Policy, Now);

        Assert.Null(decision.Chosen);
        Assert.Equal(
            [("a", 10m, QuoteVerdict.NoQuorum), ("a", 11m, QuoteVerdict.Superseded), ("a", 12m, QuoteVerdict.Stale)],
            decision.Verdicts.Select(v => (v.Quote.Source, v.Quote.PriceUsd, v.Reason!)).OrderBy(v => v.Item2));
    }

    [Fact]
    public void A_chosen_price_is_stale_once_older_than_the_max_age()
    {
        var price = new ChosenPrice("ICP", 10m, Now, 2);

        Assert.False(price.IsStaleAt(Now.AddMinutes(10), Policy.MaxAge));
        Assert.True(price.IsStaleAt(Now.AddMinutes(10).AddTicks(1), Policy.MaxAge));
        Assert.Equal(TimeSpan.FromMinutes(42), price.AgeAt(Now.AddMinutes(42)));
    }

    [Theory]
    [InlineData(0, 2, 5)]
    [InlineData(10, 0, 5)]
    [InlineData(10, 2, 0)]
    [InlineData(10, 2, 101)]
    public void An_invalid_policy_is_refused(int minutes, int quorum, int spread) =>
        Assert.True(PricePolicy.Create(TimeSpan.FromMinutes(minutes), quorum, spread).IsFailed);

    [Theory]
    [InlineData("kraken", 0)]
    [InlineData("kraken", -1)]
    [InlineData("", 1)]
    public void A_garbage_quote_is_refused(string source, int price) =>
        Assert.True(PriceQuote.Create(source, "ICP", price, Now).IsFailed);

    private static readonly Gen<PriceQuote[]> Quotes =
        Gen.Select(Gen.Int[0, 6], Gen.Decimal[0.01m, 1000m], Gen.Int[0, 20])
            .Select((source, price, minutesAgo) => Quote($"s{source}", decimal.Round(price, 6), minutesAgo))
            .Array[0, 12];

    [Fact]
    public void A_chosen_price_is_the_median_of_its_used_quotes_each_fresh_distinct_and_within_the_spread() =>
        Gen.Select(Quotes, Gen.Int[1, 4], Gen.Int[1, 100]).Sample((quotes, quorum, spread) =>
        {
            var policy = PricePolicy.Create(TimeSpan.FromMinutes(10), quorum, spread).Value;
            var decision = PriceAggregation.Choose("ICP", quotes, policy, Now);
            var used = decision.Verdicts.Where(v => v.Used).Select(v => v.Quote).ToList();
            return decision.Verdicts.Count == quotes.Length
                && decision.Verdicts.All(v => v.Used == (v.Reason is null))
                && (decision.Chosen is null
                    ? used.Count == 0
                    : used.Count >= quorum
                      && used.Count == decision.Chosen.SourceCount
                      && used.Select(q => q.Source).Distinct().Count() == used.Count
                      && used.All(q => Now - q.ObservedAt <= policy.MaxAge)
                      && decision.Chosen.PriceUsd == PriceAggregation.Median(used.Select(q => q.PriceUsd))
                      && decision.Chosen.PriceUsd >= used.Min(q => q.PriceUsd)
                      && decision.Chosen.PriceUsd <= used.Max(q => q.PriceUsd));
        });

    [Fact]
    public void Without_enough_fresh_sources_no_price_is_ever_made_up() =>
        Gen.Select(Quotes, Gen.Int[1, 8], Gen.Int[1, 100]).Sample((quotes, quorum, spread) =>
        {
            var policy = PricePolicy.Create(TimeSpan.FromMinutes(10), quorum, spread).Value;
            var freshSources = quotes.Where(q => Now - q.ObservedAt <= policy.MaxAge).Select(q => q.Source).Distinct().Count();
            return freshSources >= quorum || PriceAggregation.Choose("ICP", quotes, policy, Now).Chosen is null;
        });

    [Fact]
    public void Agreeing_sources_choose_a_price_exactly_when_enough_of_them_are_fresh() =>
        Gen.Select(Gen.Int[0, 6], Gen.Decimal[10m, 10.4m], Gen.Int[0, 20])
            .Select((source, price, minutesAgo) => Quote($"s{source}", decimal.Round(price, 6), minutesAgo))
            .Array[0, 12]
            .Select(Gen.Int[1, 5])
            .Sample((quotes, quorum) =>
            {
                var policy = PricePolicy.Create(TimeSpan.FromMinutes(10), quorum, 5m).Value;
                var freshSources = quotes.Where(q => Now - q.ObservedAt <= policy.MaxAge).Select(q => q.Source).Distinct().Count();
                return (PriceAggregation.Choose("ICP", quotes, policy, Now).Chosen is not null) == (freshSources >= quorum);
            });

    [Fact]
    public void The_order_of_the_quotes_does_not_change_the_price() =>
        Gen.Select(Quotes, Gen.Int[1, 3], Gen.Int[1, 100]).Sample((quotes, quorum, spread) =>
        {
            var policy = PricePolicy.Create(TimeSpan.FromMinutes(10), quorum, spread).Value;
            return PriceAggregation.Choose("ICP", quotes, policy, Now).Chosen
                == PriceAggregation.Choose("ICP", quotes.Reverse(), policy, Now).Chosen;
        });
}
