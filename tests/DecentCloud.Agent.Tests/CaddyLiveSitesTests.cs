using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DecentCloud.Agent.Gateway;
using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Tests.Shared;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// <see cref="CaddySites"/> against a running Caddy (<c>caddy run</c>, files mode with a self-signed wildcard, free ports):
/// a request for a VM's name reaches a loopback HTTP server standing in for the VM, and stops reaching it when the site goes.
/// </summary>
public sealed class CaddyLiveSitesTests : IAsyncLifetime
{
    private readonly CaddyTestGateway gateway = new();
    private readonly string reloads;
    private readonly LoopbackVm vm = new();
    private CaddyOptions options = null!;
    private CaddyProcess? caddy;

    public CaddyLiveSitesTests() => reloads = Path.Combine(gateway.Dir, "reloads.log");

    public async ValueTask InitializeAsync()
    {
        // The real caddy behind a script that logs each reload, so a test can count them.
        var counting = Path.Combine(gateway.Dir, "caddy-counting");
        File.WriteAllText(counting, $"#!/bin/sh\necho reload >> {reloads}\nexec {CaddyProcess.Binary} \"$@\"\n");
        File.SetUnixFileMode(counting, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Tests run in parallel: a port found free may be taken before Caddy binds it, so a failed start tries other ports.
        var failures = new List<string>();
        while (failures.Count < 3)
        {
            var ports = CaddyProcess.FreePorts(3);
            options = gateway.FilesOptions(ports[0], ports[1], ports[2]) with { Binary = counting };
            gateway.Write(options);
            var (started, log) = await CaddyProcess.TryStartAsync(gateway.Files.Caddyfile, options.Admin);
            if (started is not null)
            {
                caddy = started;
                return;
            }

            failures.Add(log);
        }

        Assert.Fail(string.Join("\n---\n", failures));
    }

    public async ValueTask DisposeAsync()
    {
        if (caddy is not null)
        {
            await caddy.DisposeAsync();
        }

        await vm.DisposeAsync();
        gateway.Dispose();
    }

    private VmSite Site(string slug) => new(slug, $"{slug}.{CaddyTestGateway.Name}", vm.Address, vm.Port);

    // Connects to Caddy's HTTPS port on 127.0.0.1 whatever the name, sends the name as SNI and Host, trusts only the test's wildcard.
    private async Task<string> GetThroughCaddyAsync(string name)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, options.HttpsPort, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString(HashAlgorithmName.SHA256) == gateway.Thumbprint },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri($"https://{name}:{options.HttpsPort}/hello"), TestContext.Current.CancellationToken);
    }

    private string[] Reloads() => File.Exists(reloads) ? File.ReadAllLines(reloads) : [];

    [Fact]
    public async Task A_vm_site_is_served_with_the_wildcard_through_caddy_and_is_gone_when_removed()
    {
        using var sites = new CaddySites(gateway.Files, CaddyTestGateway.Name, options);
        await Assert.ThrowsAsync<HttpRequestException>(() => GetThroughCaddyAsync($"a1b2c3.{CaddyTestGateway.Name}"));

        await sites.ApplyAsync([Site("a1b2c3"), Site("x9y8z7")], TestContext.Current.CancellationToken);
        Assert.Equal($"vm saw /hello for a1b2c3.{CaddyTestGateway.Name}:{options.HttpsPort}", await GetThroughCaddyAsync($"a1b2c3.{CaddyTestGateway.Name}"));
        Assert.Equal($"vm saw /hello for x9y8z7.{CaddyTestGateway.Name}:{options.HttpsPort}", await GetThroughCaddyAsync($"x9y8z7.{CaddyTestGateway.Name}"));

        // A name of the wildcard that no site claims is aborted by the catch-all, never proxied.
        var seen = vm.Requests;
        await Assert.ThrowsAsync<HttpRequestException>(() => GetThroughCaddyAsync($"zzzzzz.{CaddyTestGateway.Name}"));

        await sites.ApplyAsync([Site("x9y8z7")], TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<HttpRequestException>(() => GetThroughCaddyAsync($"a1b2c3.{CaddyTestGateway.Name}"));
        Assert.Equal(seen, vm.Requests);
        Assert.StartsWith("vm saw /hello", await GetThroughCaddyAsync($"x9y8z7.{CaddyTestGateway.Name}"));

        await sites.ApplyAsync([], TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<HttpRequestException>(() => GetThroughCaddyAsync($"x9y8z7.{CaddyTestGateway.Name}"));
        Assert.Equal(seen + 1, vm.Requests);
        Assert.Equal(3, Reloads().Length);
    }

    [Fact]
    public async Task Applying_the_same_set_again_does_not_reload()
    {
        using var sites = new CaddySites(gateway.Files, CaddyTestGateway.Name, options);
        await sites.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);
        await sites.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);
        Assert.Single(Reloads());
        Assert.StartsWith("vm saw /hello", await GetThroughCaddyAsync($"a1b2c3.{CaddyTestGateway.Name}"));
    }

    [Fact]
    public async Task A_reload_caddy_refuses_leaves_the_files_as_before_and_caddy_serving_the_old_sites()
    {
        using var sites = new CaddySites(gateway.Files, CaddyTestGateway.Name, options);
        await sites.ApplyAsync([Site("a1b2c3")], TestContext.Current.CancellationToken);
        var before = gateway.SiteFiles();

        // Nothing listens on this admin address, so the reload fails and the new files must be taken back.
        using var unreachable = new CaddySites(gateway.Files, CaddyTestGateway.Name, options with { Admin = $"127.0.0.1:{CaddyProcess.FreePorts(1)[0]}" });
        var error = await Assert.ThrowsAsync<GatewayException>(() => unreachable.ApplyAsync([Site("x9y8z7")], TestContext.Current.CancellationToken));
        Assert.StartsWith("caddy reload failed (exit 1): ", error.Message);
        Assert.Contains("connection refused", error.Message);
        Assert.Equal(before, gateway.SiteFiles());

        // A Caddyfile Caddy cannot load (here: its certificate file is gone) is refused by the running Caddy the same way.
        File.Move(gateway.CertFile, gateway.CertFile + ".moved");
        var refused = await Assert.ThrowsAsync<GatewayException>(() => sites.ApplyAsync([Site("x9y8z7")], TestContext.Current.CancellationToken));
        Assert.Contains(gateway.CertFile, refused.Message);
        Assert.Equal(before, gateway.SiteFiles());
        File.Move(gateway.CertFile + ".moved", gateway.CertFile);

        Assert.StartsWith("vm saw /hello", await GetThroughCaddyAsync($"a1b2c3.{CaddyTestGateway.Name}"));
        await Assert.ThrowsAsync<HttpRequestException>(() => GetThroughCaddyAsync($"x9y8z7.{CaddyTestGateway.Name}"));
    }
}
