using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money.Prices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Tests;

/// <summary>The refresh-prices job and the price query over real SQLite stores: quorum, outliers, failures, staleness.</summary>
public sealed class PriceRefreshTests
{
    /// <summary>A source whose answer the test decides: a price, garbage (an exception), or never answering.</summary>
    private sealed class ScriptedSource(string name, TimeProvider time, IReadOnlyCollection<string>? tokens = null) : IPriceSource
    {
        public Func<decimal?>? Answer { get; set; }

        public bool Hang { get; set; }

        public int Calls { get; private set; }

        public string Name => name;

        public IReadOnlyCollection<string> Tokens { get; } = tokens ?? ["ICP"];

        public async Task<PriceQuote> QuoteAsync(string token, CancellationToken cancellationToken)
        {
            Calls++;
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Answer?.Invoke() is { } price
                ? PriceQuote.Create(name, token, price, time.GetUtcNow()).Value
                : throw new PriceSourceException("garbage: no price in the answer");
        }
    }

    private static Task<(AppHarness App, ScriptedSource[] Sources)> CreateAsync(Action<PricesOptions>? configure = null, params decimal[] prices) =>
        CreateQuotingAsync(configure, null, prices);

    /// <summary>Like <see cref="CreateAsync"/>, with the tokens each source quotes (by name; unnamed sources quote ICP).</summary>
    private static async Task<(AppHarness App, ScriptedSource[] Sources)> CreateQuotingAsync(
        Action<PricesOptions>? configure, IReadOnlyDictionary<string, string[]>? tokens, params decimal[] prices)
    {
        var sources = new List<ScriptedSource>();
        var app = await AppHarness.CreateAsync(configureServices: services =>
        {
            services.Configure<PricesOptions>(o =>
            {
                o.SourceTimeout = TimeSpan.FromMilliseconds(300);
                configure?.Invoke(o);
            });
            foreach (var name in new[] { "alpha", "beta", "gamma" })
            {
                services.AddSingleton<IPriceSource>(sp =>
                {
                    var source = new ScriptedSource(name, sp.GetRequiredService<TimeProvider>(), tokens?.GetValueOrDefault(name));
                    sources.Add(source);
                    return source;
                });
            }
        });
        await using (var scope = app.Scope())
        {
            _ = scope.ServiceProvider.GetServices<IPriceSource>().ToList();
        }

        var ordered = sources.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < prices.Length; i++)
        {
            var price = prices[i];
            ordered[i].Answer = () => price;
        }

        return (app, ordered);
    }

    [Fact]
    public async Task Three_agreeing_sources_store_their_median_and_the_view_lists_them_as_used()
    {
        var (app, _) = await CreateAsync(null, 10.00m, 10.20m, 10.10m);
        await using var _app = app;

        var round = Assert.Single(await app.SendAsync(new RefreshPrices()));
        var view = await app.SendAsync(new GetPrice("ICP"));

        Assert.Equal(10.10m, round.Chosen!.PriceUsd);
        Assert.NotNull(view);
        Assert.Equal(("ICP", 10.10m, false, TimeSpan.Zero, app.Time.GetUtcNow()), (view.Token, view.PriceUsd, view.Stale, view.Age, view.At));
        Assert.Equal(
            [("alpha", 10.00m, true, null), ("beta", 10.20m, true, null), ("gamma", 10.10m, true, null)],
            view.Sources.Select(s => (s.Source, s.PriceUsd, s.Used, s.Reason)));
    }

    [Fact]
    public async Task An_outlier_is_stored_with_its_reason_and_left_out_of_the_median()
    {
        var (app, _) = await CreateAsync(null, 10.00m, 10.20m, 55m);
        await using var _app = app;

        await app.SendAsync(new RefreshPrices());
        var view = await app.SendAsync(new GetPrice("ICP"));

        Assert.Equal(10.10m, view!.PriceUsd);
        var gamma = Assert.Single(view.Sources, s => s.Source == "gamma");
        Assert.Equal((55m, false, QuoteVerdict.Outlier), (gamma.PriceUsd, gamma.Used, gamma.Reason));
    }

    [Fact]
    public async Task A_time_out_and_a_garbage_answer_are_failed_attempts_and_without_a_quorum_no_price_is_made_up()
    {
        var (app, sources) = await CreateAsync(null, 10m);
        await using var _app = app;
        sources[1].Hang = true;

        var round = Assert.Single(await app.SendAsync(new RefreshPrices()));

        Assert.Null(round.Chosen);
        Assert.Equal(
            [("alpha", 10m, false, QuoteVerdict.NoQuorum), ("beta", null, false, SourceAttempt.Timeout), ("gamma", null, false, "error: garbage: no price in the answer")],
            round.Attempts.OrderBy(a => a.Source, StringComparer.Ordinal).Select(a => (a.Source, a.PriceUsd, a.Used, a.Reason!)));
        Assert.All(sources, s => Assert.Equal(1, s.Calls));
        Assert.Null(await app.SendAsync(new GetPrice("ICP")));
    }

    [Fact]
    public async Task Without_a_fresh_quorum_the_last_good_price_is_kept_and_shown_stale_with_its_age()
    {
        var (app, sources) = await CreateAsync(null, 10m, 10m, 10m);
        await using var _app = app;
        await app.SendAsync(new RefreshPrices());
        var chosenAt = app.Time.GetUtcNow();

        app.Time.Advance(TimeSpan.FromMinutes(11));
        sources[0].Answer = () => 12m;
        sources[1].Answer = null;
        sources[2].Answer = null;
        await app.SendAsync(new RefreshPrices());
        var view = await app.SendAsync(new GetPrice("ICP"));

        Assert.Equal((10m, true, TimeSpan.FromMinutes(11), chosenAt), (view!.PriceUsd, view.Stale, view.Age, view.At));
        Assert.Equal([(12m, QuoteVerdict.NoQuorum), (null, "error: garbage: no price in the answer"), (null, "error: garbage: no price in the answer")],
            view.Sources.Select(s => (s.PriceUsd, s.Reason)));
    }

    [Fact]
    public async Task A_price_younger_than_the_max_age_is_not_stale_even_when_the_latest_round_failed()
    {
        var (app, sources) = await CreateAsync(null, 10m, 10m);
        await using var _app = app;
        await app.SendAsync(new RefreshPrices());

        app.Time.Advance(TimeSpan.FromMinutes(9));
        Array.ForEach(sources, s => s.Answer = null);
        await app.SendAsync(new RefreshPrices());

        Assert.False((await app.SendAsync(new GetPrice("ICP")))!.Stale);
    }

    [Fact]
    public async Task With_one_source_on_a_quorum_of_one_chooses_its_price()
    {
        var (app, sources) = await CreateAsync(o => o.Sources.Add("beta"), 1m, 9.5m, 3m);
        await using var _app = app;

        var round = Assert.Single(await app.SendAsync(new RefreshPrices()));

        Assert.Equal((9.5m, 1), (round.Chosen!.PriceUsd, round.Chosen.SourceCount));
        Assert.Equal(["beta"], round.Attempts.Select(a => a.Source));
        Assert.Equal((0, 0), (sources[0].Calls, sources[2].Calls));
    }

    [Fact]
    public async Task The_default_quorum_counts_the_sources_on_for_each_token()
    {
        // alpha quotes ICP and ckUSDT, beta and gamma ICP only: ckUSDT has one source on (quorum 1), ICP three (quorum 2).
        var (app, sources) = await CreateQuotingAsync(o => { o.Tokens.Add("ICP"); o.Tokens.Add("ckUSDT"); },
            new Dictionary<string, string[]> { ["alpha"] = ["ICP", "ckUSDT"] }, 1.0001m);
        await using var _app = app;

        var rounds = await app.SendAsync(new RefreshPrices());

        var ckUsdt = Assert.Single(rounds, r => r.Token == "ckUSDT");
        Assert.Equal((1.0001m, 1), (ckUsdt.Chosen!.PriceUsd, ckUsdt.Chosen.SourceCount));
        Assert.Equal(["alpha"], ckUsdt.Attempts.Select(a => a.Source));
        // ICP: only alpha answered, beta and gamma answered garbage, so one of the two required sources is missing.
        var icp = Assert.Single(rounds, r => r.Token == "ICP");
        Assert.Null(icp.Chosen);
        Assert.Equal(QuoteVerdict.NoQuorum, Assert.Single(icp.Attempts, a => a.Source == "alpha").Reason);
        Assert.Equal([2, 1, 1], sources.Select(s => s.Calls));
    }

    [Fact]
    public async Task An_explicit_quorum_is_global_and_one_a_token_cannot_reach_is_refused_naming_the_token()
    {
        var (app, _) = await CreateQuotingAsync(o => { o.Quorum = 2; o.Tokens.Add("ICP"); o.Tokens.Add("ckUSDT"); },
            new Dictionary<string, string[]> { ["alpha"] = ["ICP", "ckUSDT"] });
        await using var _app = app;
        await using var scope = app.Scope();

        var error = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IOptions<PricesOptions>>().Value);

        Assert.Contains("Prices:Quorum (2) exceeds the sources on that quote ckUSDT (1: alpha)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_quorum_every_token_reaches_applies_to_each_token()
    {
        // Quorum 1 on: ICP is chosen from the median of three, ckUSDT from alpha alone.
        var (app, _) = await CreateQuotingAsync(o => { o.Quorum = 1; o.Tokens.Add("ICP"); o.Tokens.Add("ckUSDT"); },
            new Dictionary<string, string[]> { ["alpha"] = ["ICP", "ckUSDT"] }, 10m, 10.2m, 10.1m);
        await using var _app = app;

        var rounds = await app.SendAsync(new RefreshPrices());

        Assert.Equal([("ICP", 10.1m, 3), ("ckUSDT", 10m, 1)], rounds.Select(r => (r.Token, r.Chosen!.PriceUsd, r.Chosen.SourceCount)));
    }

    [Fact]
    public async Task A_source_name_no_adapter_has_is_refused_naming_the_setting()
    {
        var (app, _) = await CreateAsync(o => o.Sources.Add("kraken2"));
        await using var _app = app;
        await using var scope = app.Scope();

        var error = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IOptions<PricesOptions>>().Value);

        Assert.Contains("Prices:Sources names unknown price sources (kraken2)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "MaxSpreadPercent")]
    [InlineData(101, "MaxSpreadPercent")]
    public async Task A_bad_spread_is_refused_naming_the_field(int spread, string field)
    {
        var (app, _) = await CreateAsync(o => o.MaxSpreadPercent = spread);
        await using var _app = app;
        await using var scope = app.Scope();

        var error = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IOptions<PricesOptions>>().Value);

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task The_database_refuses_a_chosen_price_that_is_not_positive(int price)
    {
        var (app, _) = await CreateAsync();
        await using var _app = app;
        await using var scope = app.Scope();
        var now = app.Time.GetUtcNow();
        scope.ServiceProvider.GetRequiredService<IPriceStore>().AddRound(new PriceRound("ICP", now, [], new ChosenPrice("ICP", price, now, 1)));

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => scope.ServiceProvider.GetRequiredService<Common.IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Contains("CK_chosen_prices_Price", Chain(error), StringComparison.Ordinal);

        Assert.Null(await app.SendAsync(new GetPrice("ICP")));
    }

    /// <summary>Every message down the exception's causes: the constraint's name is at the bottom, whatever wraps it.</summary>
    private static string Chain(Exception? error)
    {
        var messages = new List<string>();
        for (; error is not null; error = error.InnerException)
        {
            messages.Add(error.Message);
        }

        return string.Join(" | ", messages);
    }
}
