using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DecentCloud.EndToEnd.Tests;

/// <summary><c>admin cleanup-legacy-cnames</c> as a process against a stand-in Cloudflare zone: a dry run unless <c>--apply</c>.</summary>
public sealed class LegacyCnameCleanupTests : IAsyncLifetime
{
    private const string Zone = "zone-1";
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-cname-").FullName;
    private readonly ConcurrentQueue<string> _deleted = new();
    private WebApplication? _cloudflare;
    private string _baseUrl = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var port = Programs.FreeTcpPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _cloudflare = builder.Build();
        var records = new[]
        {
            new { id = "legacy-1", type = "CNAME", name = "_acme-challenge.dc-a.gw.decent-cloud.org", content = "x.auth.acme-dns.io", ttl = 1, proxied = false },
            new { id = "other-1", type = "CNAME", name = "www.decent-cloud.org", content = "decent-cloud.org", ttl = 1, proxied = false },
        };
        _cloudflare.MapGet($"/client/v4/zones/{Zone}/dns_records", () => Results.Json(new
        {
            success = true,
            errors = Array.Empty<object>(),
            result = records,
            result_info = new { page = 1, per_page = 100, total_pages = 1, count = records.Length, total_count = records.Length },
        }));
        _cloudflare.MapDelete($"/client/v4/zones/{Zone}/dns_records/{{id}}", (string id) =>
        {
            _deleted.Enqueue(id);
            return Results.Json(new { success = true, errors = Array.Empty<object>(), result = new { id } });
        });
        await _cloudflare.StartAsync();
        _baseUrl = $"http://127.0.0.1:{port}/client/v4";
    }

    public async ValueTask DisposeAsync()
    {
        await _cloudflare!.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private Task<RunResult> CleanupAsync(params string[] args) =>
        Programs.RunAsync(Programs.Tool("dotnet"), [Programs.ApiDll, "admin", "cleanup-legacy-cnames", .. args], new Dictionary<string, string>
        {
            ["DC_SQLITE_PATH"] = Path.Combine(_dir, "admin.db"),
            ["CF_API_TOKEN"] = "t",
            ["CF_ZONE_ID"] = Zone,
            ["CF_API_BASE_URL"] = _baseUrl,
            ["CF_DOMAIN"] = "decent-cloud.org",
            ["CF_GW_PREFIX"] = "gw",
        }, _dir);

    [Fact]
    public async Task Without_apply_it_lists_what_would_be_removed_and_removes_nothing()
    {
        var run = await CleanupAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("ACTION\tNAME\tTYPE\tCONTENT\nwould remove\t_acme-challenge.dc-a.gw.decent-cloud.org\tCNAME\tx.auth.acme-dns.io\n", run.Stdout);
        Assert.Contains("dry run, nothing removed", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_deleted);
    }

    [Fact]
    public async Task Apply_removes_only_the_legacy_records()
    {
        var run = await CleanupAsync("--apply");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("removed\t_acme-challenge.dc-a.gw.decent-cloud.org", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["legacy-1"], _deleted);
    }

    [Fact]
    public async Task Help_names_the_apply_option_and_apply_with_dry_run_is_refused()
    {
        var help = await CleanupAsync("--help");
        Assert.Contains("--apply", help.Stdout, StringComparison.Ordinal);

        var both = await CleanupAsync("--apply", "--dry-run");
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("cannot be combined", both.Stderr, StringComparison.Ordinal);
        Assert.Empty(_deleted);
    }
}
