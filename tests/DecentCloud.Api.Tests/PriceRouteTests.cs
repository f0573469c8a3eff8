using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DecentCloud.Application.Common;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money.Prices;
using Microsoft.Extensions.DependencyInjection;

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
}
