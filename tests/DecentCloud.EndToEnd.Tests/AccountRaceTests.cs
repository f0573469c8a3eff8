using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Adapters.Crypto.Credentials;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// Issue 10, findings 2 and 7, through the real API process on SQLite and on PostgreSQL: two devices revoking each
/// other at the same moment leave exactly one active device, and parallel registrations with one device key make one
/// account; every loser gets 409, never 500.
/// </summary>
public sealed class AccountRaceTests
{
    private const int Rounds = 10;

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Devices_revoking_each_other_at_once_leave_one_and_the_loser_gets_409(string provider)
    {
        await using var api = await RaceApi.StartAsync(provider);
        var conflicts = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var (a, b) = (NewDevice(), NewDevice());
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(a, HttpMethod.Post, "/api/v1/accounts", $"{{\"credentialKey\":\"{CredentialKey()}\"}}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(a, HttpMethod.Post, "/api/v1/accounts/me/devices", $"{{\"deviceKey\":\"{b.PublicKeyHex}\"}}")).Status);

            using var barrier = new Barrier(2);
            var replies = await Task.WhenAll(
                Task.Run(() => api.SendAsync(a, HttpMethod.Delete, $"/api/v1/accounts/me/devices/{b.PublicKeyHex}", barrier: barrier), Ct),
                Task.Run(() => api.SendAsync(b, HttpMethod.Delete, $"/api/v1/accounts/me/devices/{a.PublicKeyHex}", barrier: barrier), Ct));

            // Exactly one wins. The other lost the race inside the save (409) or, when it arrived after the winner's
            // commit, was already signed by a revoked key (401); never both 200, never a 500.
            Assert.True(replies.Count(r => r.Status == HttpStatusCode.OK) == 1
                && replies.All(r => r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.Unauthorized),
                $"round {round}: {string.Join(", ", replies.Select(r => $"{(int)r.Status} {r.Body}"))}\n{api.Output}");
            conflicts += replies.Count(r => r.Status == HttpStatusCode.Conflict);

            // The winner still signs; the loser's key is revoked.
            var winner = replies[0].Status == HttpStatusCode.OK ? a : b;
            var loser = winner == a ? b : a;
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(winner, HttpMethod.Post, "/api/v1/accounts/me/devices", $"{{\"deviceKey\":\"{winner.PublicKeyHex}\"}}")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(loser, HttpMethod.Post, "/api/v1/accounts/me/devices", $"{{\"deviceKey\":\"{loser.PublicKeyHex}\"}}")).Status);
        }

        TestContext.Current.SendDiagnosticMessage($"{provider}: {conflicts} of {Rounds} rounds were decided by the version check (409)");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Parallel_registrations_with_one_device_key_make_one_account(string provider)
    {
        await using var api = await RaceApi.StartAsync(provider);
        for (var round = 0; round < Rounds; round++)
        {
            var device = NewDevice();
            using var barrier = new Barrier(4);
            var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                Task.Run(() => api.SendAsync(device, HttpMethod.Post, "/api/v1/accounts", $"{{\"credentialKey\":\"{CredentialKey()}\"}}", barrier), Ct)));

            Assert.True(replies.Count(r => r.Status == HttpStatusCode.Created) == 1 && replies.Count(r => r.Status == HttpStatusCode.Conflict) == 3,
                $"round {round}: {string.Join(", ", replies.Select(r => $"{(int)r.Status} {r.Body}"))}\n{api.Output}");
        }
    }

    private static AgentSigner NewDevice() => new(RandomNumberGenerator.GetBytes(32));

    private static string CredentialKey() =>
        Convert.ToHexStringLower(X25519Keys.PublicFromSecret(X25519Keys.AccountSecretFromSeed(RandomNumberGenerator.GetBytes(32))));

    /// <summary>The API as a process on a fresh SQLite file or a fresh PostgreSQL database of the test server.</summary>
    private sealed class RaceApi : IAsyncDisposable
    {
        private readonly Background _api;
        private readonly string _dir;
        private readonly Func<Task> _drop;

        private RaceApi(Background api, string dir, string url, Func<Task> drop)
        {
            _api = api;
            _dir = dir;
            Url = url;
            _drop = drop;
        }

        public string Url { get; }

        public string Output => _api.Output;

        private HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

        public static async Task<RaceApi> StartAsync(string provider)
        {
            var dir = Directory.CreateTempSubdirectory("dc-race-").FullName;
            var port = Programs.FreeTcpPort();
            var url = $"http://127.0.0.1:{port}";
            var env = new Dictionary<string, string>
            {
                ["API_PUBLIC_URL"] = url,
                ["DC_LISTEN_URLS"] = url,
                ["DC_DNS_LISTEN"] = $"127.0.0.1:{Programs.FreeTcpPort()}",
                ["DC_SQLITE_PATH"] = Path.Combine(dir, "api.db"),
                ["DC_AUTH_FAILURE_LIMIT"] = "1000",
            };
            Func<Task> drop = () => Task.CompletedTask;
            if (provider == "postgres")
            {
                var (connection, dropDatabase) = await CreatePostgresDatabaseAsync();
                env["DC_POSTGRES_CONNECTION"] = connection;
                drop = dropDatabase;
            }

            var api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], env, dir);
            await api.WaitForTcpAsync(port, TimeSpan.FromSeconds(60));
            return new RaceApi(api, dir, url, drop);
        }

        public async Task<(HttpStatusCode Status, string Body)> SendAsync(AgentSigner device, HttpMethod method, string path, string? body = null, Barrier? barrier = null)
        {
            var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(method, Url + path);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            foreach (var (name, value) in device.Sign(method.Method, request.RequestUri!, bytes, DateTimeOffset.UtcNow, Guid.NewGuid()))
            {
                request.Headers.Add(name == "X-Agent-Pubkey" ? "X-Public-Key" : name, value);
            }

            barrier?.SignalAndWait(Ct);
            using var response = await Http.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _api.DisposeAsync();
            await _drop();
            Directory.Delete(_dir, recursive: true);
        }

        /// <summary>A new database on the test server named by <c>DC_TEST_POSTGRES</c> (the test script starts one), made with psql.</summary>
        private static async Task<(string Connection, Func<Task> Drop)> CreatePostgresDatabaseAsync()
        {
            var admin = Environment.GetEnvironmentVariable("DC_TEST_POSTGRES")
                ?? throw new InvalidOperationException("DC_TEST_POSTGRES is not set: the PostgreSQL race tests need a real server. Run ./scripts/test.sh, which starts one.");
            var parts = admin.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var name = "dc_race_" + Guid.NewGuid().ToString("N");
            var psqlArgs = new[] { "-h", parts["Host"], "-p", parts.GetValueOrDefault("Port", "5432"), "-U", parts["Username"], "-d", parts.GetValueOrDefault("Database", "postgres"), "-v", "ON_ERROR_STOP=1", "-c" };
            var psql = Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin", "psql")).Last(File.Exists);
            var created = await Programs.RunAsync(psql, [.. psqlArgs, $"CREATE DATABASE {name}"]);
            Assert.True(created.ExitCode == 0, created.ToString());
            var connection = string.Join(';', parts.Where(p => !p.Key.Equals("Database", StringComparison.OrdinalIgnoreCase)).Select(p => $"{p.Key}={p.Value}")) + $";Database={name}";
            return (connection, async () => await Programs.RunAsync(psql, [.. psqlArgs, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"]));
        }
    }
}
