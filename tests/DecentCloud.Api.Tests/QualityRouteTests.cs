using System.Net;
using System.Text.Json;
using DecentCloud.Api.Client;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Quality;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using DecentCloud.Domain.Trust;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>The public uptime routes, the provider's self-reported SLIs and the red flag of a gap between the two.</summary>
public sealed class QualityRouteTests : ApiRouteTest
{
    private const string Profile = """{"name":"Acme Hosting","country":"DE","email":"ops@acme.example","autoAccept":true,"payoutAccount":"2vxsx-fae","payoutToken":"ICP"}""";

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(TestUser User, string Provider, Guid Offering)> ProviderWithOfferingAsync(string pool)
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var (status, profile) = await SendAsync(Client, user.Signed(HttpMethod.Put, "/api/v1/providers/me/profile", Profile));
        Assert.Equal(HttpStatusCode.OK, status);
        var provider = profile.GetProperty("providerId").GetString()!;
        Assert.True((await Factory.SendAsync(new CreateSetupToken(pool, provider, null, null))).IsSuccess);
        var (created, offering) = await SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/providers/me/offerings", $$"""
            {"name":"small","cores":2,"memoryMb":2048,"storageGb":40,"region":"eu-central","country":"DE","pool":"{{pool}}",
             "backend":"docker","monthlyPriceUsd":"12.50","slaTargetBasisPoints":9990,"minDurationSeconds":3600,"maxDurationSeconds":7776000,"stock":3}
            """));
        Assert.Equal(HttpStatusCode.Created, created);
        return (user, provider, Guid.Parse(offering.GetProperty("id").GetString()!));
    }

    /// <summary>Platform checks of one contract of the offering over the last hours: <paramref name="healthy"/> of <paramref name="total"/>.</summary>
    private async Task MeasuredAsync(string provider, Guid offering, int healthy, int total)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IHealthCheckStore>();
        var contract = ContractId.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < total; i++)
        {
            store.Add(HealthCheck.Platform(contract, ProviderId.Create(provider).Value, offering, now.AddMinutes(-5 * (i + 1)),
                i < healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy, 10, TimeSpan.FromSeconds(1), null));
        }

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    private async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var (status, body) = await SendAsync(Client, request);
        Assert.Equal(expected, status);
        return body;
    }

    [Fact]
    public async Task A_provider_reports_a_day_of_its_own_offering_and_it_is_shown_beside_the_measured_uptime()
    {
        var (user, provider, offering) = await ProviderWithOfferingAsync("pool-q1");
        var path = $"/api/v1/providers/me/offerings/{offering}/sli";

        var (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Put, path, """{"day":"2000-01-01","uptimePercent":101,"responsePercent":-1,"incidents":-1}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_day"), (status, problem.GetProperty("code").GetString()));
        (status, _) = await SendAsync(Client, user.Signed(HttpMethod.Put, path, $$"""{"day":"{{Today}}","uptimePercent":99.5,"responsePercent":98,"incidents":1}"""));
        Assert.Equal(HttpStatusCode.OK, status);
        (status, var replaced) = await SendAsync(Client, user.Signed(HttpMethod.Put, path, $$"""{"day":"{{Today}}","uptimePercent":99.9,"responsePercent":99,"incidents":0}"""));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(99.9m, replaced.GetProperty("uptimePercent").GetDecimal());

        var view = await GetAsync($"/api/v1/offerings/{offering}/uptime");
        var day = Assert.Single(view.GetProperty("selfReported").EnumerateArray());
        Assert.Equal((Today, 99.9m, 0), (day.GetProperty("day").GetString(), day.GetProperty("uptimePercent").GetDecimal(), day.GetProperty("incidents").GetInt32()));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("gapPoints").ValueKind);
        Assert.False(view.GetProperty("redFlag").GetBoolean());
        Assert.Equal(["24h", "7d", "30d"], view.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("window").GetString()));

        // Another provider cannot report on it.
        var (other, _, _) = await ProviderWithOfferingAsync("pool-q2");
        (status, problem) = await SendAsync(Client, other.Signed(HttpMethod.Put, path, $$"""{"day":"{{Today}}","uptimePercent":50,"responsePercent":50,"incidents":9}"""));
        Assert.Equal((HttpStatusCode.NotFound, "offering_not_found"), (status, problem.GetProperty("code").GetString()));
        using var unsigned = new HttpRequestMessage(HttpMethod.Put, path) { Content = ApiFactory.Json("{}") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, unsigned)).Status);
    }

    [Theory]
    [InlineData(99.0, false)] // 94 % measured: a gap of exactly 5 points is not yet a red flag
    [InlineData(99.01, true)]
    public async Task A_self_reported_uptime_more_than_5_points_above_the_measured_one_is_a_red_flag(double claimed, bool red)
    {
        var (user, provider, offering) = await ProviderWithOfferingAsync("pool-q3");
        await MeasuredAsync(provider, offering, healthy: 47, total: 50);
        var (status, _) = await SendAsync(Client, user.Signed(HttpMethod.Put, $"/api/v1/providers/me/offerings/{offering}/sli",
            $$"""{"day":"{{Today}}","uptimePercent":{{claimed.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"responsePercent":100,"incidents":0}"""));
        Assert.Equal(HttpStatusCode.OK, status);

        var view = await GetAsync($"/api/v1/offerings/{offering}/uptime");
        Assert.Equal(Math.Round((decimal)claimed - 94m, 2), view.GetProperty("gapPoints").GetDecimal());
        Assert.Equal(red, view.GetProperty("redFlag").GetBoolean());
        var month = view.GetProperty("windows").EnumerateArray().Single(w => w.GetProperty("window").GetString() == "30d");
        Assert.Equal((94m, 47, 50), (month.GetProperty("percent").GetDecimal(), month.GetProperty("healthy").GetInt32(), month.GetProperty("total").GetInt32()));

        await using var scope = Factory.Services.CreateAsyncScope();
        var signals = new List<TrustSignal>();
        foreach (var source in scope.ServiceProvider.GetServices<ITrustSignalSource>())
        {
            signals.AddRange(await source.ReadAsync(ProviderId.Create(provider).Value, DateTimeOffset.UtcNow, Ct));
        }

        var gap = Assert.Single(signals, s => s.Kind == "sli_gap");
        Assert.Equal((offering.ToString(), red ? SignalFlag.RedFlag : SignalFlag.None), (gap.Subject, gap.Flag));
    }

    [Fact]
    public async Task Uptime_routes_answer_the_measured_figures_and_404_for_what_does_not_exist()
    {
        var (_, provider, offering) = await ProviderWithOfferingAsync("pool-q4");
        await MeasuredAsync(provider, offering, healthy: 9, total: 12);

        var byProvider = await GetAsync($"/api/v1/providers/{provider}/uptime");
        var day = byProvider.GetProperty("windows").EnumerateArray().First();
        Assert.Equal(("24h", 75m, 9, 12), (day.GetProperty("window").GetString(), day.GetProperty("percent").GetDecimal(), day.GetProperty("healthy").GetInt32(), day.GetProperty("total").GetInt32()));

        Assert.Equal("contract_not_found", (await GetAsync($"/api/v1/contracts/{new string('e', 64)}/uptime", HttpStatusCode.NotFound)).GetProperty("code").GetString());
        Assert.Equal("contract_not_found", (await GetAsync("/api/v1/contracts/not-hex/uptime", HttpStatusCode.NotFound)).GetProperty("code").GetString());
        Assert.Equal("offering_not_found", (await GetAsync($"/api/v1/offerings/{Guid.NewGuid()}/uptime", HttpStatusCode.NotFound)).GetProperty("code").GetString());
        Assert.Equal("offering_not_found", (await GetAsync("/api/v1/offerings/xyz/uptime", HttpStatusCode.NotFound)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_client_reads_uptime_and_submits_a_report()
    {
        var (user, provider, offering) = await ProviderWithOfferingAsync("pool-q5");
        await MeasuredAsync(provider, offering, healthy: 3, total: 4);
        await using var services = Factory.ClientServices(device: user.Device);

        var reported = await services.GetRequiredService<IAccountApi>().SubmitSelfReportedSliAsync(
            offering, new SelfReportedSliSubmission(DateOnly.FromDateTime(DateTime.UtcNow), 99m, 97m, 2), Ct);
        var byOffering = await services.GetRequiredService<IPublicApi>().GetOfferingUptimeAsync(offering, Ct);
        var byProvider = await services.GetRequiredService<IPublicApi>().GetProviderUptimeAsync(provider, Ct);
        var missing = await Assert.ThrowsAsync<DecentCloudApiException>(() => services.GetRequiredService<IPublicApi>().GetContractUptimeAsync(new string('f', 64), Ct));

        Assert.Equal((99m, 97m, 2), (reported.UptimePercent, reported.ResponsePercent, reported.Incidents));
        Assert.Equal(new UptimeWindowFigures("24h", 75m, 3, 4), byOffering.Windows[0]);
        Assert.Equal(24m, byOffering.GapPoints);
        Assert.True(byOffering.RedFlag);
        Assert.Equal(provider, byProvider.ProviderId);
        Assert.Equal("contract_not_found", missing.Code);
    }
}
