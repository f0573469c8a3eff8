using System.Text.Json.Nodes;
using DecentCloud.Adapters.Benchmarks;
using DecentCloud.Application.Signals;
using DecentCloud.Domain.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.Benchmarks.Tests;

/// <summary>The Uptime Kuma importer against a local HTTP server serving a status page in Uptime Kuma's published JSON.</summary>
public sealed class UptimeKumaImporterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    internal static ServiceProvider Services(int maxBytes = 4 * 1024 * 1024)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddOptions<ExternalSignalsOptions>().Configure(o => o.MaxResponseBytes = maxBytes);
        services.AddDecentCloudBenchmarks();
        return services.BuildServiceProvider();
    }

    private void Serve(string path, string body, int status = 200) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private async Task<IReadOnlyList<ExternalSignal>> ImportAsync(string? url = null, string? slug = null)
    {
        using var services = Services();
        var importer = services.GetServices<IExternalSignalImporter>().Single(i => i.Format == "uptime-kuma");
        var source = new ExternalSignalSourceOptions { Name = "acme-status", Format = "uptime-kuma", ProviderId = "prov-acme", Url = new Uri(url ?? $"{_server.Url}/status/acme"), Slug = slug };
        return await importer.ImportAsync(source, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_published_status_page_becomes_uptime_signals_per_monitor()
    {
        Serve("/api/status-page/acme", Fixture("uptime-kuma-status-page.json"));
        Serve("/api/status-page/heartbeat/acme", Fixture("uptime-kuma-heartbeat.json"));
        var signals = await ImportAsync();

        Assert.All(signals, s => Assert.Equal(("acme-status", "prov-acme", ExternalSignal.UptimeKind), (s.Source, s.ProviderId, s.Kind)));
        var fsn = signals.Where(s => s.Subject == "fsn1 API").ToDictionary(s => s.Metric);
        Assert.Equal(99.31m, fsn["uptime_24h_percent"].Value);
        Assert.Equal(75m, fsn["heartbeat_up_percent"].Value);          // 3 up, 1 down
        Assert.Equal("4 recent heartbeats", fsn["heartbeat_up_percent"].Context);
        Assert.Equal(41m, fsn["ping_avg_ms"].Value);                    // (41 + 39 + 43) / 3
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 3, 0, 127, TimeSpan.Zero), fsn["uptime_24h_percent"].ObservedAt);

        var nbg = signals.Where(s => s.Subject == "nbg1 API").ToDictionary(s => s.Metric);
        Assert.Equal(100m, nbg["heartbeat_up_percent"].Value);         // pending and maintenance beats do not count
        Assert.Equal(55m, nbg["ping_avg_ms"].Value);

        var edge = Assert.Single(signals, s => s.Subject == "Edge ping");  // no beats yet: uptime only, observed at import
        Assert.Equal((50m, Now), (edge.Value, edge.ObservedAt));
    }

    [Fact]
    public async Task Uptime_Kuma_2_keys_uptime_by_monitor_id_and_may_send_empty_buckets()
    {
        var beats = JsonNode.Parse(Fixture("uptime-kuma-heartbeat.json"))!.AsObject();
        beats["uptimeList"] = new JsonObject { ["1"] = 0.5, ["4"] = 1, ["7"] = 0 };
        beats["heartbeatList"]!["7"] = new JsonArray(0, 0, new JsonObject { ["status"] = 1, ["time"] = "2026-11-30T09:05:00.000Z", ["msg"] = "", ["ping"] = null });
        Serve("/kuma/api/status-page/acme", Fixture("uptime-kuma-status-page.json"));
        Serve("/kuma/api/status-page/heartbeat/acme", beats.ToJsonString());
        var signals = await ImportAsync($"{_server.Url}/kuma/status/acme");
        Assert.Equal(50m, signals.Single(s => s.Subject == "fsn1 API" && s.Metric == "uptime_24h_percent").Value);
        var edge = signals.Where(s => s.Subject == "Edge ping").ToDictionary(s => s.Metric);
        Assert.Equal(100m, edge["heartbeat_up_percent"].Value);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 5, 0, TimeSpan.Zero), edge["heartbeat_up_percent"].ObservedAt);
    }

    [Fact]
    public async Task A_slug_may_be_configured_beside_the_site_url()
    {
        Serve("/api/status-page/acme", Fixture("uptime-kuma-status-page.json"));
        Serve("/api/status-page/heartbeat/acme", Fixture("uptime-kuma-heartbeat.json"));
        Assert.Equal(7, (await ImportAsync(_server.Url, "acme")).Count);
    }

    public static TheoryData<string, string, string> ChangedStructures() => new()
    {
        { "page", "{\"config\":{},\"publicGroups\":[]}", "status page: publicGroupList is missing or not an array" },
        { "page", "{\"publicGroupList\":[{\"id\":1,\"name\":\"Regions\",\"monitors\":[]}]}", "status page: publicGroupList[0].monitorList is missing or not an array" },
        { "page", "{\"publicGroupList\":[{\"monitorList\":[{\"id\":\"1\",\"name\":\"fsn1 API\"}]}]}", "status page: publicGroupList[0].monitorList[0].id is missing or not an integer" },
        { "page", "{\"publicGroupList\":[{\"monitorList\":[{\"id\":1,\"title\":\"fsn1 API\"}]}]}", "status page: publicGroupList[0].monitorList[0].name is missing or not a string" },
        { "page", "{\"publicGroupList\":[]}", "status page: publicGroupList lists no monitor" },
        { "beats", "{\"heartbeats\":{},\"uptimeList\":{}}", "heartbeat answer: heartbeatList is missing or not an object" },
        { "beats", "{\"heartbeatList\":{\"1\":[],\"4\":[],\"7\":[]},\"uptime\":{}}", "heartbeat answer: uptimeList is missing or not an object" },
        { "beats", "{\"heartbeatList\":{\"1\":[],\"4\":[]},\"uptimeList\":{\"1_24\":1,\"4_24\":1}}", "heartbeatList.7 (monitor Edge ping) is missing or not an array" },
        { "beats", "{\"heartbeatList\":{\"1\":[],\"4\":[],\"7\":[]},\"uptimeList\":{\"1_24\":1,\"4_24\":1}}", "uptimeList.7 (monitor Edge ping) is missing" },
        { "beats", "{\"heartbeatList\":{\"1\":[],\"4\":[],\"7\":[]},\"uptimeList\":{\"1_24\":99.3,\"4_24\":1,\"7_24\":1}}", "uptimeList.1 (monitor fsn1 API) must be a fraction from 0 to 1" },
        { "beats", "{\"heartbeatList\":{\"1\":[{\"status\":\"up\",\"time\":\"2026-11-30 09:00:00\"}],\"4\":[],\"7\":[]},\"uptimeList\":{\"1_24\":1,\"4_24\":1,\"7_24\":1}}", "heartbeatList.1[0].status is missing or not 0-3" },
        { "beats", "{\"heartbeatList\":{\"1\":[{\"status\":1,\"timestamp\":1764493200}],\"4\":[],\"7\":[]},\"uptimeList\":{\"1_24\":1,\"4_24\":1,\"7_24\":1}}", "heartbeatList.1[0].time is missing or not a time" },
        { "beats", "<html><body>Status page moved</body></html>", "heartbeats of acme is not JSON" },
    };

    [Theory]
    [MemberData(nameof(ChangedStructures))]
    public async Task A_changed_structure_fails_loudly_naming_the_field(string which, string body, string message)
    {
        Serve("/api/status-page/acme", which == "page" ? body : Fixture("uptime-kuma-status-page.json"));
        Serve("/api/status-page/heartbeat/acme", which == "beats" ? body : Fixture("uptime-kuma-heartbeat.json"));
        var ex = await Assert.ThrowsAsync<ExternalSignalFormatException>(() => ImportAsync());
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_status_is_a_failed_read_not_an_empty_page()
    {
        Serve("/api/status-page/acme", "{\"ok\":false,\"msg\":\"Status Page Not Found\"}", 404);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => ImportAsync());
        Assert.Equal("status page acme answered 404 Not Found", ex.Message);
    }

    [Fact]
    public async Task A_url_without_a_slug_is_refused()
    {
        var ex = await Assert.ThrowsAsync<ExternalSignalFormatException>(() => ImportAsync($"{_server.Url}/dashboard"));
        Assert.Equal("acme-status: the URL must end in /status/{slug}, or set Slug", ex.Message);
    }
}
