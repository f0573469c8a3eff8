using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>A list verb's <c>--json</c> output beside its tab-separated form, with a real agent joined through the running API.</summary>
public sealed class AdminListTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-admin-list-").FullName;
    private readonly int _port = Programs.FreeTcpPort();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Background? _api;

    private Dictionary<string, string> Environment => new()
    {
        ["DC_LISTEN_URLS"] = $"http://127.0.0.1:{_port}",
        ["DC_DNS_LISTEN"] = $"127.0.0.1:{Programs.FreeTcpPort()}",
        ["DC_SQLITE_PATH"] = Path.Combine(_dir, "api.db"),
    };

    public async ValueTask InitializeAsync()
    {
        _api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], Environment, _dir);
        await _api.WaitForTcpAsync(_port, TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        Directory.Delete(_dir, true);
    }

    private async Task<string> AdminAsync(params string[] args)
    {
        var result = await Programs.RunAsync(Programs.Tool("dotnet"), [Programs.ApiDll, "admin", .. args], Environment, _dir);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    [Fact]
    public async Task List_agents_prints_json_with_json_and_tab_separated_lines_when_piped()
    {
        var token = (await AdminAsync("create-setup-token", "--pool", "pool-l", "--provider", "prov-l", "--permissions", "heartbeat,dns_manage")).Trim();
        var seed = RandomNumberGenerator.GetBytes(32);
        var signer = new AgentSigner(seed);
        using var setup = await _http.PostAsync(
            $"http://127.0.0.1:{_port}/api/v1/agents/setup",
            AgentSetupBody.For(seed, token),
            TestContext.Current.CancellationToken);
        Assert.True(setup.IsSuccessStatusCode, await setup.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await AdminAsync("label-agent", "--agent-key", signer.PublicKeyHex, "--label", "rack 1");

        using var json = JsonDocument.Parse(await AdminAsync("list-agents", "--provider", "prov-l", "--json"));
        var agent = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(signer.PublicKeyHex, agent.GetProperty("agentKey").GetString());
        Assert.Equal("prov-l", agent.GetProperty("providerId").GetString());
        Assert.Equal("rack 1", agent.GetProperty("label").GetString());
        Assert.Equal(["heartbeat", "dns_manage"], agent.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("active", agent.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, agent.GetProperty("revokedAt").ValueKind);

        var lines = (await AdminAsync("list-agents", "--provider", "prov-l")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("AGENT_KEY\tPROVIDER\tLABEL\tPERMISSIONS\tSTATE\tCREATED", lines[0]);
        Assert.Equal([signer.PublicKeyHex, "prov-l", "rack 1", "heartbeat,dns_manage", "active"], Assert.Single(lines.Skip(1)).Split('\t')[..5]);
    }
}
