using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// The audit trail through the real programs: every admin verb leaves its entry before the process exits, and
/// every request the API acknowledged still has its entry after the API is killed with SIGKILL.
/// </summary>
public sealed class AuditTrailTests : IAsyncDisposable
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly string _dir = Directory.CreateTempSubdirectory("dc-audit-").FullName;
    private readonly List<Func<Task>> _cleanup = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var cleanup in _cleanup)
        {
            await cleanup();
        }

        Directory.Delete(_dir, true);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_admin_verb_leaves_its_audit_entry_before_it_exits(string provider)
    {
        var env = await DatabaseEnvironmentAsync(provider);
        string[][] verbs =
        [
            ["create-setup-token", "--pool", "pool-a"],
            ["create-setup-token", "--pool", "pool-b"],
            ["create-setup-token", "--pool", "pool-c"],
            ["contract", "paid", "--contract", new string('1', 32)],
            ["contract", "paid", "--contract", new string('2', 32)],
            ["contract", "cancel", "--contract", new string('3', 32)],
            ["contract", "cancel", "--contract", new string('4', 32)],
            ["contract", "pause", "--contract", new string('5', 32)],
            ["contract", "complete", "--contract", new string('6', 32)],
        ];
        foreach (var verb in verbs)
        {
            // The contract verbs are refused (no such contract); a refusal is audited as well.
            await AdminAsync(env, verb);
        }

        var entries = await ListAuditAsync(env);
        Assert.Equal(3, entries.Count(e => e.Action == "agent.setup_token.create" && e.Outcome == "ok"));
        Assert.Equal(6, entries.Count(e => e.Action.StartsWith("contract.", StringComparison.Ordinal) && e.Outcome == "refused"));
        Assert.Equal(9, entries.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_acknowledged_request_keeps_its_audit_entry_after_kill_9(string provider)
    {
        var env = await DatabaseEnvironmentAsync(provider);
        var apiPort = Programs.FreeTcpPort();
        var api = $"http://127.0.0.1:{apiPort}";
        env["API_PUBLIC_URL"] = api;
        env["DC_LISTEN_URLS"] = api;
        env["DC_DNS_LISTEN"] = $"127.0.0.1:{Programs.FreeTcpPort()}";
        // Every wrong key must be answered 401 (and audited), never 429: no failure limit may trip in this test.
        env["DC_AUTH_FAILURE_LIMIT"] = "1000000";
        env["DC_AUTH_FAILURE_TARGET_LIMIT"] = "50000";
        env["DC_AUTH_FAILURE_GLOBAL_LIMIT"] = "50000";
        var server = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], env, _dir);
        var killed = false;
        try
        {
            await server.WaitForTcpAsync(apiPort, TimeSpan.FromSeconds(60));
            var token = (await AdminAsync(env, "create-setup-token", "--pool", "pool-k")).Stdout.Trim();
            var agent = await Programs.RunAsync(
                Programs.Tool("dotnet"),
                [Programs.AgentDll, "setup", "token", "--token", token, "--api-url", api, "--gateway-dc-id", "dc-kill",
                 "--config", Path.Combine(_dir, "agent", "config.json"), "--caddy-dir", Path.Combine(_dir, "caddy"), "--no-reload"]);
            Assert.True(agent.ExitCode == 0, agent.ToString());
            var credentials = File.ReadAllLines(Path.Combine(_dir, "caddy", "env"))
                .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

            // Eight clients update as fast as the API answers, half of them with a wrong key; SIGKILL lands while
            // requests are in flight. A response received is an acknowledgement, and must have its entry.
            var acknowledged = new Dictionary<string, int>(StringComparer.Ordinal) { ["ok"] = 0, ["unauthorized"] = 0 };
            using var stop = new CancellationTokenSource();
            using var http = new HttpClient { BaseAddress = new Uri(api) };
            var sequence = 0;
            var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref sequence);
                    var wrongKey = client % 2 == 1;
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/acme-dns/update")
                    {
                        Content = JsonContent.Create(new { subdomain = "dc-kill", txt = n.ToString("D43", CultureInfo.InvariantCulture) }),
                    };
                    request.Headers.Add("X-Api-User", credentials["ACME_DNS_USERNAME"]);
                    request.Headers.Add("X-Api-Key", wrongKey ? "wrong-" + credentials["ACME_DNS_PASSWORD"] : credentials["ACME_DNS_PASSWORD"]);
                    try
                    {
                        using var response = await http.SendAsync(request, CancellationToken.None);
                        var outcome = (int)response.StatusCode switch { 200 => "ok", 401 => "unauthorized", var code => throw new InvalidOperationException($"status {code}") };
                        lock (acknowledged)
                        {
                            acknowledged[outcome]++;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone: this request was never acknowledged
                    }
                }
            })).ToArray();
            while (true)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
                if (clients.FirstOrDefault(c => c.IsFaulted) is { } broken)
                {
                    await broken; // an unexpected answer: fail with it rather than wait for acknowledgements that never come
                }

                lock (acknowledged)
                {
                    if (acknowledged["ok"] >= 150 && acknowledged["unauthorized"] >= 150)
                    {
                        break;
                    }
                }
            }

            Dictionary<string, int> before;
            killed = true;
            await server.DisposeAsync(); // Process.Kill: SIGKILL
            lock (acknowledged)
            {
                before = new Dictionary<string, int>(acknowledged, StringComparer.Ordinal);
            }

            await stop.CancelAsync();
            await Task.WhenAll(clients);

            var entries = await ListAuditAsync(env);
            var updates = entries.Where(e => e.Action == "acme_dns.update").ToList();
            var stored = updates.Count(e => e.Outcome == "ok");
            var refused = updates.Count(e => e.Outcome == "unauthorized");
            Assert.True(stored >= before["ok"], $"{before["ok"]} updates acknowledged, {stored} audited");
            Assert.True(refused >= before["unauthorized"], $"{before["unauthorized"]} refusals acknowledged, {refused} audited");
        }
        finally
        {
            if (!killed)
            {
                await server.DisposeAsync();
            }
        }
    }

    private async Task<RunResult> AdminAsync(Dictionary<string, string> env, params string[] args)
    {
        var result = await Programs.RunAsync(Programs.Tool("dotnet"), [Programs.ApiDll, "admin", .. args], new Dictionary<string, string>(env), _dir);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return result;
    }

    private async Task<List<AuditLine>> ListAuditAsync(Dictionary<string, string> env)
    {
        var list = await AdminAsync(env, "list-audit", "--limit", "100000", "--json");
        Assert.Equal(0, list.ExitCode);
        return JsonSerializer.Deserialize<List<AuditLine>>(list.Stdout, Web)!;
    }

    /// <summary>The variables pointing the API at a fresh database of <paramref name="provider"/>.</summary>
    private async Task<Dictionary<string, string>> DatabaseEnvironmentAsync(string provider)
    {
        if (provider == "sqlite")
        {
            return new() { ["DC_SQLITE_PATH"] = Path.Combine(_dir, "data", "api.db") };
        }

        var server = Environment.GetEnvironmentVariable("DC_TEST_POSTGRES")
            ?? throw new InvalidOperationException("DC_TEST_POSTGRES is not set: run ./scripts/test.sh, which starts a PostgreSQL server.");
        var name = "dc_audit_" + Guid.NewGuid().ToString("N");
        await PsqlAsync(server, $"CREATE DATABASE {name}");
        _cleanup.Add(() => PsqlAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        return new() { ["DC_POSTGRES_CONNECTION"] = ReplaceDatabase(server, name) };
    }

    private static async Task PsqlAsync(string connection, string sql)
    {
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var psql = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/lib/postgresql")
            .SelectMany(d => d == "/usr/lib/postgresql" && Directory.Exists(d) ? Directory.GetDirectories(d).Select(v => Path.Combine(v, "bin")) : [d])
            .Select(d => Path.Combine(d, "psql")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("psql is not installed; ./scripts/test.sh installs PostgreSQL.");
        var result = await Programs.RunAsync(psql, ["-h", parts["Host"], "-p", parts["Port"], "-U", parts["Username"], "-d", parts["Database"], "-v", "ON_ERROR_STOP=1", "-c", sql]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static string ReplaceDatabase(string connection, string database) =>
        string.Join(';', connection.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.StartsWith("Database=", StringComparison.OrdinalIgnoreCase) ? "Database=" + database : p));

    private sealed record AuditLine(DateTimeOffset At, string Action, string Outcome, string Actor, string Subject, string? ClientAddress);
}
