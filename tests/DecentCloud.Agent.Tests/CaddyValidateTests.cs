using DecentCloud.Agent.Gateway;
using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Tests.Shared;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// A real <c>caddy validate</c> (Debian's caddy) accepts every Caddyfile and site file dc-agent writes, for every
/// combination of the Caddy options and 0, 1 or several sites.
/// </summary>
public sealed class CaddyValidateTests
{
    private static readonly (int Http, int Https)[] Ports = [(80, 443), (8080, 8443)];
    private static readonly string[] Admins = ["localhost:2019", "127.0.0.1:20190", "[::1]:2019"];

    public static TheoryData<string, int, int, string, bool, int> Combinations()
    {
        var data = new TheoryData<string, int, int, string, bool, int>();
        foreach (var tls in new[] { "acmedns", "files" })
        {
            foreach (var (http, https) in Ports)
            {
                foreach (var admin in Admins)
                {
                    foreach (var defaultStorage in new[] { true, false })
                    {
                        foreach (var sites in new[] { 0, 1, 3 })
                        {
                            data.Add(tls, http, https, admin, defaultStorage, sites);
                        }
                    }
                }
            }
        }

        return data;
    }

    private static readonly VmSite[] Sites =
    [
        new("a1b2c3", $"a1b2c3.{CaddyTestGateway.Name}", "10.0.0.5", 80),
        new("0zz9yy", $"0zz9yy.{CaddyTestGateway.Name}", "fd00::5", 8080),
        new("qwerty", $"qwerty.{CaddyTestGateway.Name}", "192.168.1.20", 65535),
    ];

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Caddy_validate_accepts_the_caddyfile_and_sites_for_every_option_combination(
        string mode, int http, int https, string admin, bool defaultStorage, int siteCount)
    {
        var tls = mode == "files" ? CaddyTlsMode.Files : CaddyTlsMode.Acmedns;
        using var gateway = new CaddyTestGateway();
        var options = new CaddyOptions
        {
            Tls = tls,
            CertFile = tls == CaddyTlsMode.Files ? gateway.CertFile : null,
            KeyFile = tls == CaddyTlsMode.Files ? gateway.KeyFile : null,
            Admin = admin,
            HttpPort = http,
            HttpsPort = https,
            Storage = defaultStorage ? CaddyOptions.DefaultStorage : Path.Combine(gateway.Dir, "storage"),
        };
        Assert.Empty(options.Problems());
        gateway.Write(options);

        // The site files are written by CaddySites itself; /bin/true stands in for the reload, which this test does not need.
        using var sites = new CaddySites(gateway.Files, CaddyTestGateway.Name, options with { Binary = "/bin/true" });
        await sites.ApplyAsync(Sites.Take(siteCount).ToArray(), TestContext.Current.CancellationToken);
        Assert.Equal(siteCount, gateway.SiteFiles().Count);

        var (exit, output) = await CaddyProcess.RunToEndAsync(
            gateway.Dir, gateway.Files.ReadEnv(), "validate", "--config", gateway.Files.Caddyfile, "--adapter", "caddyfile");
        if (tls == CaddyTlsMode.Files)
        {
            Assert.True(exit == 0, output);
            Assert.Contains("Valid configuration", output);
        }
        else
        {
            // Debian's Caddy has no acmedns module: the one error must be that module's absence, at the tls block's dns line.
            // A full validation of this mode needs a Caddy built with caddy-dns/acmedns.
            Assert.NotEqual(0, exit);
            var errors = output.Split('\n').Where(l => l.StartsWith("Error:", StringComparison.Ordinal)).ToArray();
            var error = Assert.Single(errors);
            Assert.EndsWith("getting module named 'dns.providers.acmedns': module not registered: dns.providers.acmedns", error.Trim());
            Assert.Contains("parsing caddyfile tokens for 'tls'", error);
        }

        Assert.DoesNotContain(CaddyTestGateway.Password, output);
    }
}
