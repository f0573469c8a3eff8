using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DecentCloud.Application.Common;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money.Prices;
using DecentCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Api.Tests;

/// <summary><c>GET /api/v1/prices/{token}</c>: public, 404 <c>no_price</c> until a price was chosen, then the price, its age and its sources.</summary>
public sealed class PriceRouteTests : ApiRouteTest
{
    [Fact]
    public async Task A_token_without_a_chosen_price_is_404_no_price()
    {
        var response = await Client.GetAsync(new Uri("/api/v1/prices/ICP", UriKind.Relative), TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "no_price"), (response.StatusCode, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_chosen_price_is_shown_with_its_staleness_age_and_latest_sources()
    {
        var chosenAt = DateTimeOffset.UtcNow.AddMinutes(-20);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IPriceStore>();
            store.AddRound(new PriceRound("ICP", chosenAt,
                [new SourceAttempt("kraken", "ICP", 10.5m, chosenAt, true, null), new SourceAttempt("binance", "ICP", 10.7m, chosenAt, true, null)],
                new ChosenPrice("ICP", 10.6m, chosenAt, 2)));
            var later = chosenAt.AddMinutes(15);
            store.AddRound(new PriceRound("ICP", later,
                [new SourceAttempt("kraken", "ICP", 10.9m, later, false, QuoteVerdict.NoQuorum), new SourceAttempt("binance", "ICP", null, later, false, SourceAttempt.Timeout)],
                null));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var response = await Client.GetAsync(new Uri("/api/v1/prices/ICP", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("ICP", 10.6m, true), (body.GetProperty("token").GetString(), body.GetProperty("priceUsd").GetDecimal(), body.GetProperty("stale").GetBoolean()));
        Assert.InRange(body.GetProperty("ageSeconds").GetInt64(), 1200, 1300);
        Assert.Equal(chosenAt.ToUnixTimeMilliseconds(), body.GetProperty("at").GetDateTimeOffset().ToUnixTimeMilliseconds());
        var sources = body.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["binance", "kraken"], sources.Select(s => s.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Null, sources[0].GetProperty("priceUsd").ValueKind);
        Assert.Equal((false, "timeout"), (sources[0].GetProperty("used").GetBoolean(), sources[0].GetProperty("reason").GetString()));
        Assert.Equal((10.9m, false, "no_quorum"), (sources[1].GetProperty("priceUsd").GetDecimal(), sources[1].GetProperty("used").GetBoolean(), sources[1].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task With_the_exchanges_named_the_job_asks_each_and_the_route_shows_their_median()
    {
        using var exchanges = WireMockServer.Start();
        Ticker(exchanges, "/products/ICP-USD/ticker", $$$"""{"price":"4.30","time":"{{{DateTimeOffset.UtcNow:O}}}"}""");
        Ticker(exchanges, "/0/public/Ticker", """{"error":[],"result":{"ICPUSD":{"c":["4.40","1.0"]}}}""");
        Ticker(exchanges, "/api/v3/ticker/price", """{"symbol":"ICPUSDT","price":"4.35"}""");
        var url = exchanges.Url + "/";
        await using var api = new ApiFactory(new()
        {
            ["DC_PRICE_SOURCES"] = "coinbase,kraken,binance", ["DC_PRICE_COINBASE_URL"] = url, ["DC_PRICE_KRAKEN_URL"] = url, ["DC_PRICE_BINANCE_URL"] = url,
            ["DC_PRICE_REFRESH_INTERVAL_SECONDS"] = "3600",
        });
        using var client = api.CreateClient();

        await api.SendAsync(new RefreshPrices());
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/prices/ICP", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal((4.35m, false), (body.GetProperty("priceUsd").GetDecimal(), body.GetProperty("stale").GetBoolean()));
        Assert.Equal([("binance", 4.35m, true), ("coinbase", 4.30m, true), ("kraken", 4.40m, true)],
            body.GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("source").GetString(), s.GetProperty("priceUsd").GetDecimal(), s.GetProperty("used").GetBoolean())));
        Assert.Contains(exchanges.LogEntries, e => e.RequestMessage.Url.EndsWith("/api/v3/ticker/price?symbol=ICPUSDT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_kongswap_named_the_job_reads_the_dc_pool_on_the_ic_and_the_route_shows_its_price()
    {
        var kong = new FakeKongSwap();
        kong.AnswerPools(FakeKongSwap.Pool("DC", DecentCloud.Domain.Money.Token.Dc.LedgerCanisterId!, "1000000000000000",
            "ckUSDT", DecentCloud.Domain.Money.Token.CkUsdt.LedgerCanisterId!, "12345678901"));
        await using var replica = await LocalReplica.StartAsync(kong, FakeKongSwap.Backend);
        await using var api = new ApiFactory(new()
        {
            ["DC_PRICE_SOURCES"] = "kongswap", ["DC_PRICE_TOKENS"] = "DC", ["DC_IC_URL"] = replica.Url.ToString(),
            ["DC_IC_ROOT_KEY"] = Convert.ToHexString(replica.RootKeyDer), ["DC_PRICE_REFRESH_INTERVAL_SECONDS"] = "3600",
        });
        using var client = api.CreateClient();

        await api.SendAsync(new RefreshPrices());
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/prices/DC", UriKind.Relative), TestContext.Current.CancellationToken);

        // One source quotes DC, so the per-token default quorum is 1.
        Assert.Equal(("DC", 0.012345678901m, false), (body.GetProperty("token").GetString(), body.GetProperty("priceUsd").GetDecimal(), body.GetProperty("stale").GetBoolean()));
        Assert.Equal([("kongswap", 0.012345678901m, true)],
            body.GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("source").GetString(), s.GetProperty("priceUsd").GetDecimal(), s.GetProperty("used").GetBoolean())));
        // The scheduled job may have run once at start too: every query asked the same.
        Assert.NotEmpty(kong.Asked);
        Assert.All(kong.Asked, asked => Assert.Equal(("pools", kong.Canonical("(opt text)", """(opt "DC_ckUSDT")""")), (asked.Method, asked.Arg)));
        Assert.Contains(replica.Requests, r => r.EndsWith($"{FakeKongSwap.Backend}/query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dex_pool_answering_an_error_is_a_failed_attempt_shown_with_its_reason()
    {
        var kong = new FakeKongSwap();
        kong.Answer(FakeKongSwap.Backend, "pools", """(variant { Err = "Pool not found" })""");
        await using var replica = await LocalReplica.StartAsync(kong, FakeKongSwap.Backend);
        await using var api = new ApiFactory(new()
        {
            ["DC_PRICE_SOURCES"] = "kongswap,icpswap", ["DC_PRICE_TOKENS"] = "DC", ["DC_IC_URL"] = replica.Url.ToString(),
            ["DC_IC_ROOT_KEY"] = Convert.ToHexString(replica.RootKeyDer), ["DC_PRICE_REFRESH_INTERVAL_SECONDS"] = "3600",
        });

        var round = Assert.Single(await api.SendAsync(new RefreshPrices()));

        Assert.Null(round.Chosen);
        Assert.Equal("error: kongswap error: Pool not found", Assert.Single(round.Attempts, a => a.Source == "kongswap").Reason);
        // ICPSwap's factory is not behind this replica: its query is refused by it, a failed attempt too, never a price.
        Assert.StartsWith("error: getPool on 4mmnk-kiaaa-aaaag-qbllq-cai", Assert.Single(round.Attempts, a => a.Source == "icpswap").Reason, StringComparison.Ordinal);
    }

    private static void Ticker(WireMockServer server, string path, string body) =>
        server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
}
