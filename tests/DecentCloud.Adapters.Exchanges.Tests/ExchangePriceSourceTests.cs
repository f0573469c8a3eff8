using DecentCloud.Application.Prices;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.Exchanges.Tests;

/// <summary>
/// Each exchange source against a local server answering the shapes of the exchange's documented ticker endpoint, plus
/// errors, garbage and a time-out; every test checks the request path and query that was sent.
/// </summary>
public sealed class ExchangePriceSourceTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ServiceProvider _services;

    public ExchangePriceSourceTests()
    {
        var url = new Uri(_server.Url! + "/");
        var services = new ServiceCollection();
        services.AddDecentCloudExchanges(new ExchangesOptions { CoinbaseBaseUrl = url, KrakenBaseUrl = url, BinanceBaseUrl = url });
        _services = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private IPriceSource Source(string name) => _services.GetServices<IPriceSource>().Single(s => s.Name == name);

    private void Answer(string path, int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        _server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(delay is { } d ? response.WithDelay(d) : response);
    }

    private string SentPathAndQuery() => Assert.Single(_server.LogEntries).RequestMessage.Url[_server.Url!.Length..];

    private static async Task<string> FailureAsync(IPriceSource source, CancellationToken cancellationToken = default) =>
        (await Assert.ThrowsAsync<PriceSourceException>(() => source.QuoteAsync("ICP", cancellationToken))).Message;

    [Fact]
    public async Task Coinbase_reads_the_price_and_the_trade_time_of_the_product_ticker()
    {
        Answer("/products/ICP-USD/ticker", 200,
            """{"ask":"4.3230","bid":"4.3210","volume":"1185209.1","trade_id":123456,"price":"4.3220","size":"12.5","time":"2026-12-01T11:58:30.123456Z"}""");

        var quote = await Source("coinbase").QuoteAsync("ICP", TestContext.Current.CancellationToken);

        Assert.Equal(("coinbase", "ICP", 4.3220m, new DateTimeOffset(2026, 12, 1, 11, 58, 30, 123, TimeSpan.Zero).AddTicks(4560)),
            (quote.Source, quote.Token, quote.PriceUsd, quote.ObservedAt));
        Assert.Equal("/products/ICP-USD/ticker", SentPathAndQuery());
        Assert.Contains("DecentCloud", _server.LogEntries.Single().RequestMessage.Headers!["User-Agent"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kraken_reads_the_last_trade_closed_whatever_kraken_names_the_pair()
    {
        Answer("/0/public/Ticker", 200, """
            {"error":[],"result":{"ICPUSD":{"a":["4.33000","120","120.000"],"b":["4.32000","80","80.000"],"c":["4.32500","3.10000000"],
            "v":["1000.0","5000.0"],"p":["4.30","4.31"],"t":[100,500],"l":["4.20","4.10"],"h":["4.40","4.50"],"o":"4.25"}}}
            """);

        var quote = await Source("kraken").QuoteAsync("ICP", TestContext.Current.CancellationToken);

        Assert.Equal(("kraken", 4.32500m), (quote.Source, quote.PriceUsd));
        Assert.Equal("/0/public/Ticker?pair=ICPUSD", SentPathAndQuery());
    }

    [Fact]
    public async Task Binance_reads_the_usdt_price_of_the_symbol_as_usd()
    {
        Answer("/api/v3/ticker/price", 200, """{"symbol":"ICPUSDT","price":"4.31900000"}""");

        var quote = await Source("binance").QuoteAsync("ICP", TestContext.Current.CancellationToken);

        Assert.Equal(("binance", 4.319m), (quote.Source, quote.PriceUsd));
        Assert.Equal("/api/v3/ticker/price?symbol=ICPUSDT", SentPathAndQuery());
    }

    public static TheoryData<string, string, string, string, string, decimal> Stablecoins => new()
    {
        { "coinbase", "ckUSDT", "/products/USDT-USD/ticker", """{"price":"0.99985","time":"2026-12-01T11:58:30Z"}""", "/products/USDT-USD/ticker", 0.99985m },
        { "kraken", "ckUSDC", "/0/public/Ticker", """{"error":[],"result":{"USDCUSD":{"c":["0.99990000","120.5"]}}}""", "/0/public/Ticker?pair=USDCUSD", 0.9999m },
        { "kraken", "ckUSDT", "/0/public/Ticker", """{"error":[],"result":{"USDTZUSD":{"c":["1.00010000","5000"]}}}""", "/0/public/Ticker?pair=USDTZUSD", 1.0001m },
        { "binance", "ckUSDC", "/api/v3/ticker/price", """{"symbol":"USDCUSDT","price":"1.00020000"}""", "/api/v3/ticker/price?symbol=USDCUSDT", 1.0002m },
    };

    [Theory]
    [MemberData(nameof(Stablecoins))]
    public async Task The_chain_key_stablecoins_are_quoted_from_their_coins_documented_tickers(string source, string token, string path, string body, string sent, decimal price)
    {
        Answer(path, 200, body);

        var quote = await Source(source).QuoteAsync(token, TestContext.Current.CancellationToken);

        Assert.Equal((source, token, price), (quote.Source, quote.Token, quote.PriceUsd));
        Assert.Equal(sent, SentPathAndQuery());
    }

    [Fact]
    public void Each_exchange_lists_the_tokens_it_quotes()
    {
        Assert.Equal(["ICP", "ckUSDT"], Source("coinbase").Tokens.Order(StringComparer.Ordinal));
        Assert.Equal(["ICP", "ckUSDC", "ckUSDT"], Source("kraken").Tokens.Order(StringComparer.Ordinal));
        Assert.Equal(["ICP", "ckUSDC"], Source("binance").Tokens.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_token_an_exchange_does_not_quote_is_refused_without_a_request()
    {
        Assert.Equal("binance does not quote ckUSDT", (await Assert.ThrowsAsync<PriceSourceException>(() => Source("binance").QuoteAsync("ckUSDT", TestContext.Current.CancellationToken))).Message);
        Assert.Equal("coinbase does not quote ckUSDC", (await Assert.ThrowsAsync<PriceSourceException>(() => Source("coinbase").QuoteAsync("ckUSDC", TestContext.Current.CancellationToken))).Message);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task Kraken_errors_in_a_200_answer_are_a_failure_with_krakens_message()
    {
        Answer("/0/public/Ticker", 200, """{"error":["EQuery:Unknown asset pair"]}""");

        Assert.Equal("kraken error: EQuery:Unknown asset pair", await FailureAsync(Source("kraken"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_error_status_is_a_failure_quoting_the_answer()
    {
        Answer("/api/v3/ticker/price", 400, """{"code":-1121,"msg":"Invalid symbol."}""");
        Answer("/products/ICP-USD/ticker", 404, """{"message":"NotFound"}""");

        Assert.Equal("""HTTP 400: {"code":-1121,"msg":"Invalid symbol."}""", await FailureAsync(Source("binance"), TestContext.Current.CancellationToken));
        Assert.Equal("""HTTP 404: {"message":"NotFound"}""", await FailureAsync(Source("coinbase"), TestContext.Current.CancellationToken));
    }

    public static TheoryData<string, string, string, string> Garbage => new()
    {
        { "coinbase", "/products/ICP-USD/ticker", "<html>maintenance</html>", "garbage: not JSON: <html>maintenance</html>" },
        { "coinbase", "/products/ICP-USD/ticker", """{"bid":"4.3"}""", """garbage: no price in {"bid":"4.3"}""" },
        { "coinbase", "/products/ICP-USD/ticker", """{"price":"-4.3"}""", """garbage: price is not a positive decimal: "-4.3" """.TrimEnd() },
        { "coinbase", "/products/ICP-USD/ticker", """{"price":4.3}""", "garbage: price is not a positive decimal: 4.3" },
        { "coinbase", "/products/ICP-USD/ticker", """{"price":"0"}""", """garbage: price is not a positive decimal: "0" """.TrimEnd() },
        { "binance", "/api/v3/ticker/price", """{"symbol":"BTCUSDT","price":"90000.0"}""", "garbage: asked for ICPUSDT, answered BTCUSDT" },
        { "binance", "/api/v3/ticker/price", """{"symbol":"ICPUSDT","price":"1e3"}""", """garbage: price is not a positive decimal: "1e3" """.TrimEnd() },
        { "binance", "/api/v3/ticker/price", "[]", "garbage: no symbol in []" },
        { "kraken", "/0/public/Ticker", """{"error":[],"result":{}}""", "garbage: result holds 0 pairs, not one" },
        { "kraken", "/0/public/Ticker", """{"error":[],"result":{"ICPUSD":{"c":[]}}}""", "garbage: c is not [price, lot volume]" },
        { "kraken", "/0/public/Ticker", """{"error":[],"result":{"ICPUSD":{"c":["abc","1"]}}}""", """garbage: c[0] is not a positive decimal: "abc" """.TrimEnd() },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task A_garbage_answer_is_a_failure_naming_what_was_wrong(string source, string path, string body, string reason)
    {
        Answer(path, 200, body);

        Assert.Equal(reason, await FailureAsync(Source(source), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_source_slower_than_the_callers_deadline_is_cancelled()
    {
        Answer("/products/ICP-USD/ticker", 200, """{"price":"4.3"}""", TimeSpan.FromSeconds(3));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Source("coinbase").QuoteAsync("ICP", deadline.Token));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task Asked_together_one_source_times_out_one_answers_garbage_and_the_third_still_quotes()
    {
        Answer("/products/ICP-USD/ticker", 200, """{"price":"4.3"}""", TimeSpan.FromSeconds(3));
        Answer("/0/public/Ticker", 200, "not json");
        Answer("/api/v3/ticker/price", 200, """{"symbol":"ICPUSDT","price":"4.31"}""");
        var sources = _services.GetServices<IPriceSource>().ToList();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var answers = await Task.WhenAll(sources.Select(async s =>
        {
            try
            {
                return (s.Name, (await s.QuoteAsync("ICP", deadline.Token)).PriceUsd.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (OperationCanceledException)
            {
                return (s.Name, "timeout");
            }
            catch (PriceSourceException ex)
            {
                return (s.Name, ex.Message);
            }
        }));

        Assert.Equal([("binance", "4.31"), ("coinbase", "timeout"), ("kraken", "garbage: not JSON: not json")], answers.OrderBy(a => a.Name, StringComparer.Ordinal));
    }
}
