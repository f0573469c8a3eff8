using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DecentCloud.Application.AcmeDns;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.Cloudflare.Tests;

public sealed class CloudflareDnsPublisherTests : IDisposable
{
    private const string Zone = "023e105f4ecef8ad9ca31a8372d0c353";
    private const string Token = "cf-test-token";
    private const string Name = "_acme-challenge.dc-lk.gw.decent-cloud.org";
    private const string RecordsPath = "/client/v4/zones/" + Zone + "/dns_records";
    private static readonly string A = new('a', 43);
    private static readonly string B = new('b', 43);
    private static readonly string C = new('c', 43);

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ServiceProvider _services;
    private readonly CloudflareDnsPublisher _publisher;

    public CloudflareDnsPublisherTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecentCloudCloudflareDns(new CloudflareOptions
        {
            ApiToken = Token,
            ZoneId = Zone,
            BaseAddress = new Uri(_server.Url + "/client/v4/"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetries = 3,
        });
        _services = services.BuildServiceProvider();
        _publisher = _services.GetRequiredService<CloudflareDnsPublisher>();
    }

    public void Dispose()
    {
        _services.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private static object Record(string id, string content, string type = "TXT", string name = Name) =>
        new { id, type, name, content, ttl = 60, proxied = false, zone_id = Zone };

    private static object Envelope(object? result, int totalPages = 1, int page = 1) => new
    {
        success = true,
        errors = Array.Empty<object>(),
        messages = Array.Empty<object>(),
        result,
        result_info = new { page, per_page = 100, count = 1, total_count = 1, total_pages = totalPages },
    };

    private void GivenExisting(params object[] records) =>
        _server.Given(Request.Create().WithPath(RecordsPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Envelope(records)));

    private void GivenCreateSucceeds() =>
        _server.Given(Request.Create().WithPath(RecordsPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { success = true, errors = Array.Empty<object>(), result = Record("new", A) }));

    private void GivenDeleteSucceeds() =>
        _server.Given(Request.Create().WithPath(RecordsPath + "/*").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { success = true, errors = Array.Empty<object>(), result = new { id = "x" } }));

    private List<ILogEntry> Sent(string method) => _server.LogEntries.Where(e => e.RequestMessage!.Method == method).ToList();

    [Fact]
    public async Task Creating_a_value_sends_exactly_the_documented_requests()
    {
        GivenExisting();
        GivenCreateSucceeds();
        await _publisher.ReplaceTxtValuesAsync(Name, [A], TestContext.Current.CancellationToken);

        var list = Assert.Single(Sent("GET")).RequestMessage!;
        Assert.Equal(RecordsPath, list.Path);
        Assert.Equal("TXT", list.Query!["type"].Single());
        Assert.Equal(Name, list.Query["name"].Single());
        Assert.Equal("Bearer " + Token, list.Headers!["Authorization"].Single());

        var create = Assert.Single(Sent("POST")).RequestMessage!;
        Assert.Equal(RecordsPath, create.Path);
        Assert.Equal("Bearer " + Token, create.Headers!["Authorization"].Single());
        Assert.StartsWith("application/json", create.Headers["Content-Type"].Single());
        Assert.Equal($"{{\"type\":\"TXT\",\"name\":\"{Name}\",\"content\":\"{A}\",\"ttl\":60,\"proxied\":false}}", create.Body);
        Assert.Empty(Sent("DELETE"));
    }

    [Fact]
    public async Task Two_values_live_side_by_side_and_surplus_values_are_deleted()
    {
        GivenExisting(Record("id-a", A), Record("id-b", B), Record("id-c", $"\"{C}\""));
        GivenCreateSucceeds();
        GivenDeleteSucceeds();
        var d = new string('d', 43);
        await _publisher.ReplaceTxtValuesAsync(Name, [d, C], TestContext.Current.CancellationToken);

        var create = Assert.Single(Sent("POST")).RequestMessage!;
        Assert.Equal(d, JsonDocument.Parse(create.Body!).RootElement.GetProperty("content").GetString());
        Assert.Equal(
            [RecordsPath + "/id-a", RecordsPath + "/id-b"],
            Sent("DELETE").Select(e => e.RequestMessage!.Path).Order().ToArray());

        // The new value is created before anything is deleted, so the name never goes empty.
        var order = _server.LogEntries.Select(e => e.RequestMessage!.Method).ToList();
        Assert.True(order.IndexOf("POST") < order.IndexOf("DELETE"));
    }

    [Fact]
    public async Task An_unchanged_set_sends_only_the_lookup()
    {
        GivenExisting(Record("id-a", A), Record("id-b", B));
        await _publisher.ReplaceTxtValuesAsync(Name, [B, A], TestContext.Current.CancellationToken);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task Rate_limits_are_retried_after_the_servers_retry_after()
    {
        _server.Given(Request.Create().WithPath(RecordsPath).UsingGet()).InScenario("429").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
                .WithBodyAsJson(new { success = false, errors = new[] { new { code = 971, message = "Please wait and consider throttling your request speed" } } }));
        _server.Given(Request.Create().WithPath(RecordsPath).UsingGet()).InScenario("429").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Envelope(Array.Empty<object>())));
        GivenCreateSucceeds();

        var watch = Stopwatch.StartNew();
        await _publisher.ReplaceTxtValuesAsync(Name, [A], TestContext.Current.CancellationToken);
        Assert.Equal(2, Sent("GET").Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.Single(Sent("POST"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_retried_with_backoff(int status)
    {
        _server.Given(Request.Create().WithPath(RecordsPath).UsingPost()).InScenario("5xx").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(status).WithBody("<html>bad gateway</html>"));
        _server.Given(Request.Create().WithPath(RecordsPath).UsingPost()).InScenario("5xx").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { success = true, errors = Array.Empty<object>(), result = Record("new", A) }));
        GivenExisting();

        await _publisher.ReplaceTxtValuesAsync(Name, [A], TestContext.Current.CancellationToken);
        Assert.Equal(2, Sent("POST").Count);
        Assert.Equal(Sent("POST")[0].RequestMessage!.Body, Sent("POST")[1].RequestMessage!.Body);
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_after_the_retries()
    {
        _server.Given(Request.Create().WithPath(RecordsPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        await Assert.ThrowsAsync<DnsPublishException>(() => _publisher.ReplaceTxtValuesAsync(Name, [A], TestContext.Current.CancellationToken));
        Assert.Equal(4, Sent("GET").Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(408)]
    public async Task Other_client_errors_are_not_retried(int status)
    {
        GivenExisting();
        _server.Given(Request.Create().WithPath(RecordsPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(status)
            .WithBodyAsJson(new { success = false, errors = new[] { new { code = 9005, message = "Content for TXT record is invalid" } }, result = (object?)null }));

        var ex = await Assert.ThrowsAsync<DnsPublishException>(() => _publisher.ReplaceTxtValuesAsync(Name, [A], TestContext.Current.CancellationToken));
        Assert.Single(Sent("POST"));
        Assert.Contains($"HTTP {status}", ex.Message);
    }

    [Fact]
    public async Task A_success_false_envelope_is_a_failure_even_with_http_200()
    {
        _server.Given(Request.Create().WithPath(RecordsPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBodyAsJson(new { success = false, errors = new[] { new { code = 1003, message = "Invalid or missing zone id." } }, result = (object?)null }));
        var ex = await Assert.ThrowsAsync<DnsPublishException>(() => _publisher.ReplaceTxtValuesAsync(Name, [A], TestContext.Current.CancellationToken));
        Assert.Contains("1003 Invalid or missing zone id.", ex.Message);
        Assert.Empty(Sent("POST"));
    }

    [Fact]
    public async Task Vm_addresses_are_A_records_with_ttl_300_not_proxied()
    {
        GivenExisting();
        GivenCreateSucceeds();
        await _publisher.SetAddressAsync("k7m2p4.dc-lk.gw.decent-cloud.org", IPAddress.Parse("203.0.113.7"), TestContext.Current.CancellationToken);
        Assert.Equal("A", Sent("GET")[0].RequestMessage!.Query!["type"].Single());
        Assert.Equal(
            "{\"type\":\"A\",\"name\":\"k7m2p4.dc-lk.gw.decent-cloud.org\",\"content\":\"203.0.113.7\",\"ttl\":300,\"proxied\":false}",
            Sent("POST")[0].RequestMessage!.Body);
    }

    [Fact]
    public async Task Cname_listing_follows_pagination_and_deleting_a_missing_record_is_fine()
    {
        _server.Given(Request.Create().WithPath(RecordsPath).UsingGet().WithParam("page", "1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Envelope(new[] { Record("c1", "x.acme.example", "CNAME", "_acme-challenge.dc-a.gw.decent-cloud.org") }, totalPages: 2, page: 1)));
        _server.Given(Request.Create().WithPath(RecordsPath).UsingGet().WithParam("page", "2"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Envelope(new[] { Record("c2", "y.acme.example", "CNAME", "www.decent-cloud.org") }, totalPages: 2, page: 2)));
        _server.Given(Request.Create().WithPath(RecordsPath + "/gone").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(404).WithBodyAsJson(new { success = false, errors = new[] { new { code = 81044, message = "Record does not exist." } } }));

        var records = await _publisher.ListCnameRecordsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["c1", "c2"], records.Select(r => r.Id));
        Assert.All(Sent("GET"), e => Assert.Equal("CNAME", e.RequestMessage!.Query!["type"].Single()));
        await _publisher.DeleteRecordAsync("gone", TestContext.Current.CancellationToken);
    }
}
