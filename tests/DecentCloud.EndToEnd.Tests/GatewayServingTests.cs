using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using DecentCloud.Tests.Shared;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// Issue 11's acceptance: a VM is reachable as <c>https://{slug}.{dc_id}.{gw_prefix}.{domain}</c> through a real Caddy that
/// serves the provider's wildcard certificate (issued by pebble through our acme-dns route and DNS server, fetched by lego),
/// the name resolving through our DNS server, with dc-agent writing Caddy's files; and after the contract ends, the name is
/// gone from DNS and Caddy answers nothing for it.
/// </summary>
[Collection(nameof(AcmeStackCollection))]
public sealed class GatewayServingTests(AcmeStack stack)
{
    private const string DcId = "dc-serve";
    private static string Wildcard => $"*.{DcId}.{AcmeStack.Prefix}.{AcmeStack.Domain}";

    [Fact]
    public async Task A_contracts_machine_is_served_over_https_with_the_providers_wildcard_and_is_gone_after_it_ends()
    {
        await using var hetzner = await FakeHetzner.StartAsync();
        var home = Path.Combine(stack.Dir, "serving");
        var caddyDir = Path.Combine(home, "caddy");
        var legoAccount = "serving";
        var certificate = Path.Combine(stack.Dir, "lego-" + legoAccount, "certificates", Wildcard.Replace('*', '_'));
        var ports = CaddyProcess.FreePorts(3);
        var (httpsPort, httpPort, adminPort) = (ports[0], ports[1], ports[2]);

        // The provider's host: setup (Caddy in files mode: lego keeps the wildcard, renewing through the same acme-dns account).
        var env = await stack.SetupAgentAsync(
            "serving", await stack.CreateSetupTokenAsync("pool-serving"), DcId,
            "--gateway-public-ip", "127.0.0.1",
            "--caddy-tls", "files", "--caddy-cert-file", certificate + ".crt", "--caddy-key-file", certificate + ".key",
            "--caddy-admin", $"127.0.0.1:{adminPort}", "--caddy-https-port", $"{httpsPort}", "--caddy-http-port", $"{httpPort}",
            "--caddy-storage", Path.Combine(home, "caddy-storage"));
        var issued = await stack.LegoAsync(env, Wildcard, legoAccount);
        Assert.True(issued.ExitCode == 0, $"{issued}\n--- api\n{stack.ApiOutput}");

        var caddyEnv = File.ReadAllLines(Path.Combine(caddyDir, "env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        await using var caddy = await CaddyProcess.StartAsync(Path.Combine(caddyDir, "Caddyfile"), $"127.0.0.1:{adminPort}", caddyEnv);

        var configPath = Path.Combine(home, "agent", "config.json");
        var sshKey = Path.Combine(home, "agent", "ssh_key");
        var keygen = await Programs.RunAsync(Programs.Tool("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", sshKey]);
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath, TestContext.Current.CancellationToken))!.AsObject();
        config["run"] = JsonSerializer.SerializeToNode(new { pollSeconds = 1, healthSeconds = 1, reconcileSeconds = 1, stateDir = Path.Combine(home, "state"), sshKeyPath = sshKey, hostKeyWaitSeconds = 1, shutdownTimeoutSeconds = 5 });
        config["provisioner"] = JsonSerializer.SerializeToNode(new { type = "hetzner", hetzner = new { apiToken = FakeHetzner.Token, baseAddress = hetzner.BaseUrl, pollInterval = "00:00:00.200" } });
        await File.WriteAllTextAsync(configPath, config.ToJsonString(), TestContext.Current.CancellationToken);
        var provider = config["providerId"]!.GetValue<string>();

        // The VM: an HTTP server on a loopback address of its own, which the fake Hetzner reports as the server's address.
        var (vmAddress, _) = AgentStack.LoopbackVm(listen: false);
        await using var vm = new LoopbackVm(IPAddress.Parse(vmAddress));
        hetzner.NextServerAddress = vm.Address;

        var platform = new PlatformClient(stack.ApiUrl, () => stack.ApiEnvironment, stack.Dir, stack.Http);
        var user = await platform.NewUserAsync();
        var id = await platform.PaidContractAsync(user, provider, "pool-serving", $$"""{"httpPort":{{vm.Port}}}""");
        await using var agent = new Background(Programs.Tool("dotnet"), [Programs.AgentDll, "run", "--config", configPath], new Dictionary<string, string>(), home);
        string Output() => $"{agent.Output}\n--- caddy\n{caddy.Log}\n--- api\n{stack.ApiOutput}";

        await AgentStack.WaitUntilAsync(async () => (await platform.ContractAsync(user, id)).GetProperty("state").GetString() is "provisioned" or "active", "the contract to be provisioned", Output);
        var access = (await platform.ContractAsync(user, id)).GetProperty("access");
        var url = new Uri(access.GetProperty("httpsUrl").GetString()!);
        Assert.Matches($"^[a-z0-9]{{6}}\\.{DcId}\\.{AcmeStack.Prefix}\\.{AcmeStack.Domain.Replace(".", "\\.", StringComparison.Ordinal)}$", url.Host);
        Assert.Equal(("https", "root"), (url.Scheme, access.GetProperty("loginUser").GetString()));

        // The name resolves through our DNS server to the gateway, and Caddy there serves the VM with the wildcard from pebble.
        var resolved = Assert.Single(await stack.DigAsync(url.Host, "A"));
        Assert.Equal("127.0.0.1", resolved);
        using var root = await stack.PebbleRootAsync();
        var (status, body, served) = await GetThroughGatewayAsync(url.Host, resolved, httpsPort, root);
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}\n{Output()}");
        Assert.StartsWith($"vm saw / for {url.Host}", body, StringComparison.Ordinal);
        Assert.Equal([Wildcard], served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());

        // The contract ends: the agent removes the machine, its name leaves DNS, and Caddy no longer answers for it.
        await platform.UserAsync(user, HttpMethod.Post, $"/api/v1/contracts/{id}/cancel", "{\"reason\":\"test over\"}");
        await AgentStack.WaitUntilAsync(async () => (await stack.DigAsync(url.Host, "A")).Length == 0, "the name to leave DNS", Output);
        await AgentStack.WaitUntilAsync(async () => await AnswersAsync(url.Host, httpsPort, root) is false, "Caddy to stop serving the name", Output);
        var before = vm.Requests;
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetThroughGatewayAsync(url.Host, "127.0.0.1", httpsPort, root));
        Assert.Equal(before, vm.Requests);
        Assert.Empty(Directory.GetFiles(Path.Combine(caddyDir, "sites"), "*.caddy"));
    }

    private static async Task<bool> AnswersAsync(string host, int port, X509Certificate2 root)
    {
        try
        {
            await GetThroughGatewayAsync(host, "127.0.0.1", port, root);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>An HTTPS GET of <paramref name="host"/>, connecting to <paramref name="address"/>, trusting only pebble's root.</summary>
    private static async Task<(HttpStatusCode Status, string Body, X509Certificate2 Served)> GetThroughGatewayAsync(string host, string address, int port, X509Certificate2 root)
    {
        X509Certificate2? served = null;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Parse(address), port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, presented, errors) =>
                {
                    if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    if (presented is not null)
                    {
                        foreach (var element in presented.ChainElements)
                        {
                            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                        }
                    }

                    served = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return chain.Build(served);
                },
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"https://{host}:{port}/"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), served!);
    }
}
