using System.Net;
using System.Net.Sockets;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// Where the real API process listens: ASP.NET Core's own settings (<c>ASPNETCORE_URLS</c>, <c>--urls</c>,
/// appsettings.json) and <c>DC_LISTEN_URLS</c>, and their precedence (README, API configuration).
/// </summary>
public sealed class ListenUrlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-listen-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_dir, true);
    }

    private Dictionary<string, string> Environment(Dictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["DC_SQLITE_PATH"] = Path.Combine(_dir, "api.db"),
            ["DC_DNS_LISTEN"] = $"127.0.0.1:{Programs.FreeTcpPort()}",
        };
        foreach (var (key, value) in extra ?? [])
        {
            env[key] = value;
        }

        return env;
    }

    private static string Url(int port) => $"http://127.0.0.1:{port}";

    private async Task AssertServesHealthAsync(Background api, int port)
    {
        await api.WaitForTcpAsync(port, TimeSpan.FromSeconds(60));
        using var response = await _http.GetAsync($"{Url(port)}/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static void AssertNotListening(int port)
    {
        using var client = new TcpClient();
        Assert.Throws<SocketException>(() => client.Connect(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Aspnetcore_urls_is_honoured_through_dotnet_run()
    {
        var port = Programs.FreeTcpPort();
        await using var api = new Background(
            Programs.Tool("dotnet"),
            ["run", "--no-build", "--configuration", Programs.Configuration, "--project", "src/Hosts/DecentCloud.Api"],
            Environment(new() { ["ASPNETCORE_URLS"] = Url(port) }),
            Programs.Root);
        await AssertServesHealthAsync(api, port);
    }

    [Fact]
    public async Task Dc_listen_urls_is_honoured()
    {
        var port = Programs.FreeTcpPort();
        await using var api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], Environment(new() { ["DC_LISTEN_URLS"] = Url(port) }), _dir);
        await AssertServesHealthAsync(api, port);
    }

    [Fact]
    public async Task Command_line_urls_win_over_dc_listen_urls()
    {
        var (flag, product) = (Programs.FreeTcpPort(), Programs.FreeTcpPort());
        await using var api = new Background(
            Programs.Tool("dotnet"),
            [Programs.ApiDll, "--urls", Url(flag)],
            Environment(new() { ["DC_LISTEN_URLS"] = Url(product) }),
            _dir);
        await AssertServesHealthAsync(api, flag);
        AssertNotListening(product);
    }

    [Fact]
    public async Task Dc_listen_urls_wins_over_aspnetcore_urls()
    {
        var (product, standard) = (Programs.FreeTcpPort(), Programs.FreeTcpPort());
        await using var api = new Background(
            Programs.Tool("dotnet"),
            [Programs.ApiDll],
            Environment(new() { ["DC_LISTEN_URLS"] = Url(product), ["ASPNETCORE_URLS"] = Url(standard) }),
            _dir);
        await AssertServesHealthAsync(api, product);
        AssertNotListening(standard);
    }

    [Fact]
    public async Task Appsettings_json_sets_the_urls_and_the_feature_sections()
    {
        var port = Programs.FreeTcpPort();
        await File.WriteAllTextAsync(
            Path.Combine(_dir, "appsettings.json"),
            $$"""
            {
              "urls": "{{Url(port)}}",
              "Gateway": { "Domain": "example.test", "GatewayPrefix": "edge" },
              "Jobs": { "Intervals": { "forget-nonces": "00:00:30" } }
            }
            """,
            TestContext.Current.CancellationToken);
        await using var api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], Environment(), _dir);
        await AssertServesHealthAsync(api, port);
        Assert.Contains("zone edge.example.test", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_interval_for_no_job_stops_start_up_with_one_line()
    {
        var result = await Programs.RunAsync(
            Programs.Tool("dotnet"),
            [Programs.ApiDll],
            Environment(new() { ["Jobs__Intervals__forget-nonce"] = "00:00:30", ["DC_LISTEN_URLS"] = Url(Programs.FreeTcpPort()) }),
            _dir,
            TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error: Jobs:Intervals:forget-nonce names no job; the jobs are archive-contracts, contract-retention, contract-timeouts, detect-sla-breaches, dispatch-outbox, escrow-releases, expire-credentials, expire-txt-values, forget-nonces, import-signals, probe-contracts, prune-audit, recompute-scores, refresh-prices, rollup-health, scan-deposits, warn-ending-contracts.", result.Stderr, StringComparison.Ordinal);
    }
}
