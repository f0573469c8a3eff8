using System.Text.Json;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>The operator verbs of the API program, run as processes.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-admin-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private Task<RunResult> AdminAsync(Dictionary<string, string> env, params string[] args)
    {
        env["DC_SQLITE_PATH"] = Path.Combine(_dir, "admin.db");
        return Programs.RunAsync(Programs.Tool("dotnet"), [Programs.ApiDll, "admin", .. args], env, _dir);
    }

    [Fact]
    public async Task Check_config_reports_the_retired_acme_dns_server_setting()
    {
        var clean = await AdminAsync([], "check-config");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("dns: embedded DNS server on 127.0.0.1:8053", clean.Stdout);

        var retired = await AdminAsync(new() { ["ACME_DNS_SERVER_URL"] = "https://auth.acme-dns.io" }, "check-config");
        Assert.Equal(1, retired.ExitCode);
        Assert.Contains("ACME_DNS_SERVER_URL is set but no longer used", retired.Stdout);
    }

    [Fact]
    public async Task Bad_settings_and_bad_arguments_are_one_clear_line_and_nonzero()
    {
        var half = await AdminAsync(new() { ["CF_API_TOKEN"] = "t" }, "list-gateways");
        Assert.Equal(2, half.ExitCode);
        Assert.Equal("error: Set both CF_API_TOKEN and CF_ZONE_ID to use Cloudflare, or neither to use the embedded DNS server.", half.Stderr.Trim());

        var pool = await AdminAsync([], "create-setup-token", "--pool", "Bad Pool");
        Assert.Equal(2, pool.ExitCode);
        Assert.Empty(pool.Stdout);
        Assert.StartsWith("error: pool name must be", pool.Stderr.Trim());

        var cleanup = await AdminAsync([], "cleanup-legacy-cnames", "--dry-run");
        Assert.Equal(1, cleanup.ExitCode);
        Assert.Contains("CF_API_TOKEN", cleanup.Stderr);
    }

    [Fact]
    public async Task Tokens_gateways_and_agents_can_be_managed()
    {
        var token = await AdminAsync([], "create-setup-token", "--pool", "pool-x", "--provider", "prov-x", "--permissions", "dns_manage,heartbeat");
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.Matches("^dcst_[A-Za-z0-9_-]{43}\n$", token.Stdout);

        var list = await AdminAsync([], "list-gateways");
        Assert.Equal("DC_ID\tPROVIDER\tUSERNAME\tSTATE\tUPDATED\n", list.Stdout);
        var revoke = await AdminAsync([], "revoke-agent", "--agent-key", new string('a', 64));
        Assert.Equal(1, revoke.ExitCode);
        Assert.Contains("No delegation", revoke.Stderr);
    }

    [Fact]
    public async Task Json_output_is_for_scripts()
    {
        var token = await AdminAsync([], "create-setup-token", "--pool", "pool-j", "--provider", "prov-j", "--json");
        Assert.True(token.ExitCode == 0, token.ToString());
        using (var json = JsonDocument.Parse(token.Stdout))
        {
            Assert.Matches("^dcst_[A-Za-z0-9_-]{43}$", json.RootElement.GetProperty("token").GetString());
            Assert.Equal("pool-j", json.RootElement.GetProperty("poolName").GetString());
        }

        foreach (var verb in new[] { "list-gateways", "list-agents" })
        {
            var list = await AdminAsync([], verb, "--json");
            Assert.True(list.ExitCode == 0, list.ToString());
            using var json = JsonDocument.Parse(list.Stdout);
            Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
            Assert.Equal(0, json.RootElement.GetArrayLength());
        }

        var config = await AdminAsync([], "check-config", "--json");
        Assert.True(config.ExitCode == 0, config.ToString());
        using (var json = JsonDocument.Parse(config.Stdout))
        {
            Assert.Equal("dev-gw.decent-cloud.test", json.RootElement.GetProperty("zone").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("retired").GetArrayLength());
        }
    }

    [Fact]
    public async Task Appsettings_json_in_the_working_directory_is_read_like_the_server_does()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "appsettings.json"), """{ "Gateway": { "Domain": "example.test", "GatewayPrefix": "edge" } }""", TestContext.Current.CancellationToken);
        var config = await AdminAsync([], "check-config");
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Contains("zone: edge.example.test", config.Stdout);

        // The variable of the original platform still wins over the file.
        var overridden = await AdminAsync(new() { ["CF_GW_PREFIX"] = "gw" }, "check-config");
        Assert.Contains("zone: gw.example.test", overridden.Stdout);
    }

    [Fact]
    public async Task A_usage_error_is_one_line_and_exit_code_2()
    {
        var missing = await AdminAsync([], "revoke-gateway");
        Assert.Equal(2, missing.ExitCode);
        Assert.Empty(missing.Stdout);
        var line = Assert.Single(missing.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("--dc-id", line);
    }
}
