using DecentCloud.Agent.Gateway;
using DecentCloud.Application.ProviderAgent.Gateway;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// <see cref="CaddySites"/> on its own folder: checks before touching files, the operator's files, the reload once per
/// change and the restore when the reload fails. The reload is a script that logs its call, so these need no Caddy.
/// </summary>
public sealed class CaddySitesTests : IDisposable
{
    private readonly CaddyTestGateway gateway = new();
    private readonly string reloads;

    public CaddySitesTests()
    {
        reloads = Path.Combine(gateway.Dir, "reloads.log");
        gateway.Write(Options("0"));
    }

    public void Dispose() => gateway.Dispose();

    private static VmSite Site(string slug, string upstream = "10.0.0.5", int port = 80) => new(slug, $"{slug}.{CaddyTestGateway.Name}", upstream, port);

    // A stand-in for caddy that logs each call and exits with the given code (and a last stderr line when it fails).
    private CaddyOptions Options(string exitCode)
    {
        var script = Path.Combine(gateway.Dir, $"caddy-exit-{exitCode}");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$@\" >> {reloads}\necho 'Error: loading new config: refused by the test' >&2\nexit {exitCode}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return gateway.FilesOptions(2019, 80, 443) with { Binary = script };
    }

    private CaddySites Sites(string exitCode = "0") => new(gateway.Files, CaddyTestGateway.Name, Options(exitCode));

    private string[] Reloads() => File.Exists(reloads) ? File.ReadAllLines(reloads) : [];

    [Fact]
    public async Task Applying_writes_one_snippet_per_vm_and_reloads_once_with_the_caddyfile_and_admin_address()
    {
        using var sites = Sites();
        await sites.ApplyAsync([Site("a1b2c3"), Site("d4e5f6", "fd00::7", 8080)], TestContext.Current.CancellationToken);

        var files = gateway.SiteFiles();
        Assert.Equal(["a1b2c3.caddy", "d4e5f6.caddy"], files.Keys.Order());
        Assert.Equal(
            $"# a1b2c3.{CaddyTestGateway.Name}: written by dc-agent for one VM; changes are overwritten.\n"
            + $"@a1b2c3 host a1b2c3.{CaddyTestGateway.Name}\nhandle @a1b2c3 {{\n\treverse_proxy 10.0.0.5:80\n}}\n",
            files["a1b2c3.caddy"]);
        Assert.Contains("reverse_proxy [fd00::7]:8080\n", files["d4e5f6.caddy"]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(gateway.Files.SitesDir, "a1b2c3.caddy")));
        Assert.Equal([$"reload --config {gateway.Files.Caddyfile} --adapter caddyfile --address 127.0.0.1:2019"], Reloads());
    }

    [Fact]
    public async Task The_same_set_twice_changes_nothing_and_does_not_reload_again()
    {
        using var sites = Sites();
        await sites.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);
        var before = File.GetLastWriteTimeUtc(Path.Combine(gateway.Files.SitesDir, "a1b2c3.caddy"));
        await sites.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);

        Assert.Single(Reloads());
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(gateway.Files.SitesDir, "a1b2c3.caddy")));

        await sites.ApplyAsync([Site("a1b2c3", port: 8080)], TestContext.Current.CancellationToken);
        Assert.Equal(2, Reloads().Length);
        Assert.Contains("reverse_proxy 10.0.0.5:8080", gateway.SiteFiles()["a1b2c3.caddy"]);
    }

    [Fact]
    public async Task A_new_writer_reloads_once_even_when_the_files_are_already_in_place()
    {
        using (var first = Sites())
        {
            await first.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);
        }

        // As after an agent restart that may have stopped between writing and reloading.
        using var restarted = Sites();
        await restarted.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);
        await restarted.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);
        Assert.Equal(2, Reloads().Length);
    }

    [Fact]
    public async Task After_a_failed_reload_the_same_set_is_tried_again()
    {
        using var sites = Sites();
        await sites.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);
        using var failing = Sites("1");
        await Assert.ThrowsAsync<GatewayException>(() => failing.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<GatewayException>(() => failing.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken));
        Assert.Equal(3, Reloads().Length);
        Assert.Equal(["a1b2c3.caddy"], gateway.SiteFiles().Keys);
    }

    [Fact]
    public async Task Site_files_no_entry_names_are_deleted_but_the_operators_files_are_kept()
    {
        var operatorFiles = new Dictionary<string, string>
        {
            ["operator.caddy"] = "# the operator's own snippet (not six characters, so not a VM site)\n",
            ["ABCDEF.caddy"] = "# upper case: not a slug\n",
            ["abc1234.caddy"] = "# seven characters: not a slug\n",
            ["notes.txt"] = "kept\n",
            ["a1b2c3.caddy.bak"] = "kept\n",
        };
        foreach (var (name, content) in operatorFiles)
        {
            File.WriteAllText(Path.Combine(gateway.Files.SitesDir, name), content);
        }

        using var sites = Sites();
        await sites.ApplyAsync([Site("a1b2c3"), Site("zzzzzz")], TestContext.Current.CancellationToken);
        await sites.ApplyAsync([Site("zzzzzz")], TestContext.Current.CancellationToken);

        var files = gateway.SiteFiles();
        Assert.Equal(operatorFiles.Keys.Append("zzzzzz.caddy").Order(), files.Keys.Order());
        Assert.All(operatorFiles, f => Assert.Equal(f.Value, files[f.Key]));

        await sites.ApplyAsync([], TestContext.Current.CancellationToken);
        Assert.Equal(operatorFiles.Keys.Order(), gateway.SiteFiles().Keys.Order());
        Assert.Equal(3, Reloads().Length);
    }

    public static TheoryData<string, string, string, int, string> BadSites() => new()
    {
        { "a1b2c", $"a1b2c.{CaddyTestGateway.Name}", "10.0.0.5", 80, "slug 'a1b2c'" },
        { "A1B2C3", $"A1B2C3.{CaddyTestGateway.Name}", "10.0.0.5", 80, "slug 'A1B2C3'" },
        { "a1b2c3", "a1b2c3.dc-other.gw.decent-cloud.org", "10.0.0.5", 80, "fqdn 'a1b2c3.dc-other.gw.decent-cloud.org'" },
        { "a1b2c3", $"b1b2c3.{CaddyTestGateway.Name}", "10.0.0.5", 80, "fqdn" },
        { "a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}\n}}", "10.0.0.5", 80, "fqdn" },
        { "a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}", "10.0.0.5 {", 80, "upstream '10.0.0.5 {'" },
        { "a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}", "10.1", 80, "upstream '10.1'" },
        { "a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}", "vm.example.org", 80, "upstream 'vm.example.org'" },
        { "a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}", "fe80::1%2", 80, "upstream 'fe80::1%2'" },
        { "a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}", "[fd00::1]", 80, "upstream '[fd00::1]'" },
        { "a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}", "10.0.0.5", 0, "port 0" },
        { "a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}", "10.0.0.5", 65536, "port 65536" },
    };

    [Theory]
    [MemberData(nameof(BadSites))]
    public async Task A_bad_field_is_named_and_no_file_is_touched(string slug, string fqdn, string upstream, int port, string named)
    {
        using var sites = Sites();
        await sites.ApplyAsync([Site("zzzzzz")], TestContext.Current.CancellationToken);
        var before = gateway.SiteFiles();

        var error = await Assert.ThrowsAsync<GatewayException>(() => sites.ApplyAsync([Site("yyyyyy"), new VmSite(slug, fqdn, upstream, port)], TestContext.Current.CancellationToken));
        Assert.Contains(named, error.Message);
        Assert.Equal(before, gateway.SiteFiles());
        Assert.Single(Reloads());
    }

    [Fact]
    public async Task A_slug_twice_is_refused()
    {
        using var sites = Sites();
        var error = await Assert.ThrowsAsync<GatewayException>(() => sites.ApplyAsync([Site("a1b2c3"), Site("a1b2c3", "10.0.0.6")], TestContext.Current.CancellationToken));
        Assert.Contains("'a1b2c3' appears twice", error.Message);
        Assert.Empty(gateway.SiteFiles());
    }

    [Fact]
    public async Task A_failed_reload_puts_every_file_back_and_says_why()
    {
        using (var good = Sites())
        {
            await good.ApplyAsync([Site("keep01"), Site("change"), Site("remove")], TestContext.Current.CancellationToken);
        }

        File.SetUnixFileMode(Path.Combine(gateway.Files.SitesDir, "remove.caddy"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var before = gateway.SiteFiles();

        using var sites = Sites("1");
        var error = await Assert.ThrowsAsync<GatewayException>(() => sites.ApplyAsync(
            [Site("keep01"), Site("change", port: 8080), Site("new001")], TestContext.Current.CancellationToken));

        Assert.Equal("caddy reload failed (exit 1): Error: loading new config: refused by the test; the previous site files are back.", error.Message);
        Assert.Equal(before, gateway.SiteFiles());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(gateway.Files.SitesDir, "remove.caddy")));
        Assert.Equal(2, Reloads().Length);
    }

    [Fact]
    public async Task A_missing_caddy_is_a_failed_reload_and_the_files_are_put_back()
    {
        using var sites = new CaddySites(gateway.Files, CaddyTestGateway.Name, Options("0") with { Binary = Path.Combine(gateway.Dir, "no-such-caddy") });
        var error = await Assert.ThrowsAsync<GatewayException>(() => sites.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken));
        Assert.StartsWith($"caddy not found ('{Path.Combine(gateway.Dir, "no-such-caddy")}')", error.Message);
        Assert.Empty(gateway.SiteFiles());
    }

    [Fact]
    public async Task The_reload_reason_never_carries_the_credentials()
    {
        var script = Path.Combine(gateway.Dir, "caddy-echo-secret");
        File.WriteAllText(script, "#!/bin/sh\necho \"Error: Caddyfile:9 - unexpected token '$ACME_DNS_PASSWORD' for user $ACME_DNS_USERNAME\" >&2\nexit 1\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var sites = new CaddySites(gateway.Files, CaddyTestGateway.Name, Options("0") with { Binary = script });

        var error = await Assert.ThrowsAsync<GatewayException>(() => sites.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken));
        Assert.Contains("unexpected token '***' for user ***", error.Message);
        Assert.DoesNotContain(CaddyTestGateway.Password, error.Message);
    }

    [Fact]
    public void Bad_options_are_refused_when_the_sites_writer_is_made()
    {
        var error = Assert.Throws<InvalidDataException>(() => new CaddySites(gateway.Files, CaddyTestGateway.Name, Options("0") with { Admin = "localhost" }));
        Assert.Contains("--caddy-admin (caddy.admin) 'localhost'", error.Message);
    }
}
