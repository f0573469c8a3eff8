using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>The API as a process, a fake Hetzner API, and helpers to run dc-agent against them as a provider would.</summary>
public sealed class AgentStack : IAsyncLifetime
{
    private Background? _api;

    public string Dir { get; } = Directory.CreateTempSubdirectory("dc-agent-e2e-").FullName;

    public int ApiPort { get; } = Programs.FreeTcpPort();

    public string ApiUrl => $"http://127.0.0.1:{ApiPort}";

    internal FakeHetzner Hetzner { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string ApiOutput => _api?.Output ?? string.Empty;

    public string DatabasePath => Path.Combine(Dir, "api.db");

    public Dictionary<string, string> ApiEnvironment => new()
    {
        ["API_PUBLIC_URL"] = ApiUrl,
        ["DC_LISTEN_URLS"] = ApiUrl,
        ["DC_DNS_LISTEN"] = $"127.0.0.1:{Programs.FreeTcpPort()}",
        ["DC_SQLITE_PATH"] = DatabasePath,
        ["DC_SWEEP_INTERVAL_SECONDS"] = "1",
        ["DC_HEARTBEAT_INTERVAL_SECONDS"] = "2",
        ["DC_PROVISIONING_LEASE_SECONDS"] = "30",
    };

    public async ValueTask InitializeAsync()
    {
        Hetzner = await FakeHetzner.StartAsync();
        _api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], ApiEnvironment, Dir);
        await _api.WaitForTcpAsync(ApiPort, TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await Hetzner.DisposeAsync();
    }

    /// <summary>The operator's and users' calls against this stack's API.</summary>
    internal PlatformClient Platform => new(ApiUrl, () => ApiEnvironment, Dir, Http);

    public Task<string> AdminAsync(params string[] args) => Platform.AdminAsync(args);

    /// <summary>An agent host: its key joined to the pool, its SSH key, and its configuration file.</summary>
    internal async Task<AgentHost> NewAgentAsync(string provider, string pool, int orphanGraceSeconds = 3600, Func<string, object>? provisioner = null, string loginUser = "root", int shutdownTimeoutSeconds = 5, int hostKeyWaitSeconds = 2)
    {
        var home = Directory.CreateDirectory(Path.Combine(Dir, "agent-" + pool)).FullName;
        var token = await AdminAsync("create-setup-token", "--pool", pool, "--provider", provider);
        var seed = RandomNumberGenerator.GetBytes(32);
        var keyPath = Path.Combine(home, "agent.key");
        await File.WriteAllTextAsync(keyPath, Convert.ToHexStringLower(seed) + "\n");
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var signer = new AgentSigner(seed);
        using var setup = await Http.PostAsync($"{ApiUrl}/api/v1/agents/setup", AgentSetupBody.For(seed, token));
        Assert.True(setup.IsSuccessStatusCode, await setup.Content.ReadAsStringAsync());

        var sshKey = Path.Combine(home, "ssh_key");
        var keygen = await Programs.RunAsync(Programs.Tool("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", sshKey]);
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        var config = Path.Combine(home, "config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            apiUrl = ApiUrl,
            agentKeyPath = keyPath,
            providerId = provider,
            poolName = pool,
            run = new { pollSeconds = 1, healthSeconds = 1, reconcileSeconds = 1, orphanGraceSeconds, maxConcurrent = 2, stateDir = Path.Combine(home, "state"), sshKeyPath = sshKey, shutdownTimeoutSeconds, loginUser, hostKeyWaitSeconds },
            provisioner = provisioner?.Invoke(sshKey) ?? new { type = "hetzner", hetzner = new { apiToken = FakeHetzner.Token, baseAddress = Hetzner.BaseUrl, pollInterval = "00:00:00.200" } },
        }));
        return new AgentHost(config, signer, sshKey);
    }

    /// <summary>
    /// A fresh loopback address (127.x.y.z) with nothing on it, for the next servers the fake Hetzner creates; with
    /// <paramref name="listen"/>, a TCP listener on its port 22 stands in for the VM's SSH server, so the agent's
    /// health probe (backend status and a TCP connect to the SSH port) really reaches the instance.
    /// </summary>
    internal static (string Address, System.Net.Sockets.TcpListener? Vm) LoopbackVm(bool listen)
    {
        var bytes = RandomNumberGenerator.GetBytes(3);
        var address = $"127.{bytes[0]}.{bytes[1]}.{Math.Max((int)bytes[2], 2)}";
        if (!listen)
        {
            return (address, null);
        }

        var vm = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(address), 22);
        vm.Start();
        return (address, vm);
    }

    internal Background StartAgent(AgentHost agent) =>
        new(Programs.Tool("dotnet"), [Programs.AgentDll, "run", "--config", agent.ConfigPath], new Dictionary<string, string>(), Dir);

    internal Task<EndUser> NewUserAsync() => Platform.NewUserAsync();

    internal Task<string> PaidContractAsync(EndUser user, string provider, string pool) => Platform.PaidContractAsync(user, provider, pool);

    internal Task<JsonElement> UserAsync(EndUser user, HttpMethod method, string path, string? body = null) => Platform.UserAsync(user, method, path, body);

    internal Task<JsonElement> ContractAsync(EndUser user, string id) => Platform.ContractAsync(user, id);

    /// <summary>Polls until <paramref name="done"/> holds, or fails with the programs' output.</summary>
    internal static async Task WaitUntilAsync(Func<Task<bool>> done, string what, Func<string> output, int seconds = 60)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"timed out waiting for {what}:\n{output()}");
    }
}

internal sealed record AgentHost(string ConfigPath, AgentSigner Signer, string SshKeyPath);

internal sealed record EndUser(byte[] AccountSeed, byte[] DeviceSeed)
{
    public AgentSigner Device { get; } = new(DeviceSeed);
}
