using System.Text.Json.Nodes;
using DecentCloud.Application.Signals;
using DecentCloud.Domain.Trust;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.Benchmarks.Tests;

/// <summary>The YABS listing importer against a local HTTP server serving YABS documents in YABS's own JSON.</summary>
public sealed class YabsListingImporterTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private void Serve(string body, int status = 200) =>
        _server.Given(Request.Create().WithPath("/results.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private async Task<IReadOnlyList<ExternalSignal>> ImportAsync(string? subject = "cx22", int maxBytes = 4 * 1024 * 1024)
    {
        using var services = UptimeKumaImporterTests.Services(maxBytes);
        var importer = services.GetServices<IExternalSignalImporter>().Single(i => i.Format == "yabs-listing");
        var source = new ExternalSignalSourceOptions { Name = "bench-list", Format = "yabs-listing", ProviderId = "prov-acme", Url = new Uri($"{_server.Url}/results.json"), Subject = subject };
        return await importer.ImportAsync(source, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_listing_of_yabs_documents_becomes_benchmark_signals()
    {
        Serve(UptimeKumaImporterTests.Fixture("yabs-listing.json"));
        var signals = await ImportAsync();
        Assert.All(signals, s => Assert.Equal(("bench-list", "prov-acme", ExternalSignal.BenchmarkKind, "cx22"), (s.Source, s.ProviderId, s.Kind, s.Subject)));
        Assert.Equal(2410m, signals.Single(s => s.Metric == "geekbench6_single").Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795161600), signals.Single(s => s.Metric == "geekbench6_single").ObservedAt);
        Assert.Equal(90.45m, signals.Single(s => s.Metric == "disk_write_4k_mbps").Value);
        var recv = signals.Single(s => s.Metric == "iperf_ipv4_recv_mbps");
        Assert.Equal((2950m, "Clouvider NYC, NY, US (10G)"), (recv.Value, recv.Context));
        Assert.Equal(2 + 4 + 2, signals.Count);
    }

    [Fact]
    public async Task One_document_as_yabs_w_writes_it_is_a_listing_of_one_and_the_provider_is_the_default_subject()
    {
        Serve(UptimeKumaImporterTests.Fixture("yabs-full.json"));
        var signals = await ImportAsync(subject: null);
        Assert.Equal(23, signals.Count);
        Assert.All(signals, s => Assert.Equal("prov-acme", s.Subject));
    }

    [Fact]
    public async Task A_changed_document_fails_the_whole_listing_naming_each_field()
    {
        var listing = JsonNode.Parse(UptimeKumaImporterTests.Fixture("yabs-listing.json"))!.AsArray();
        listing[0]!["geekbench"]![0]!.AsObject().Remove("single");
        listing[1]!["iperf"]![0]!["recv"] = 2950;
        Serve(listing.ToJsonString());
        var ex = await Assert.ThrowsAsync<ExternalSignalFormatException>(() => ImportAsync());
        Assert.Equal("YABS listing bench-list: [0] geekbench[0].single is missing. [1] iperf[0].recv must be a string.", ex.Message);
    }

    [Theory]
    [InlineData("\"results\"", "YABS listing bench-list: expected an array of YABS documents")]
    [InlineData("{\"results\":[]}", "YABS listing bench-list: [0] version is missing. [0] time is missing.")]
    [InlineData("not json", "YABS listing bench-list is not JSON")]
    public async Task A_listing_that_is_not_yabs_fails_loudly(string body, string message)
    {
        Serve(body);
        var ex = await Assert.ThrowsAsync<ExternalSignalFormatException>(() => ImportAsync());
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listing_over_the_size_limit_is_refused()
    {
        var body = UptimeKumaImporterTests.Fixture("yabs-listing.json");
        Serve(body);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => ImportAsync(maxBytes: body.Length - 1));
        Assert.Equal($"YABS listing bench-list is larger than {body.Length - 1} bytes", ex.Message);
        Assert.NotEmpty(await ImportAsync(maxBytes: body.Length));
    }
}
