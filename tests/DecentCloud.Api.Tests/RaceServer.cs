using System.Net;
using System.Text.Json;
using Npgsql;

namespace DecentCloud.Api.Tests;

/// <summary>
/// The API on a real Kestrel socket (so concurrent clients race as they would in production) on either a fresh
/// SQLite file or a fresh PostgreSQL database of the server named by <c>DC_TEST_POSTGRES</c>, dropped afterwards.
/// </summary>
public sealed class RaceServer : IAsyncDisposable
{
    public const string PostgresVariable = "DC_TEST_POSTGRES";

    private readonly string? _admin;
    private readonly string? _database;
    private readonly Dictionary<string, string?> _settings;

    private RaceServer(ApiFactory factory, Dictionary<string, string?> settings, string? admin, string? database)
    {
        Factory = factory;
        _settings = settings;
        _admin = admin;
        _database = database;
        Client = factory.CreateClient();
    }

    public ApiFactory Factory { get; }

    /// <summary>A client of the real socket (not the in-memory test server).</summary>
    public HttpClient Client { get; }

    public static async Task<RaceServer> StartAsync(string provider, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["DC_LISTEN_URLS"] = "http://127.0.0.1:0" };
        string? admin = null;
        string? database = null;
        if (provider == "postgres")
        {
            admin = Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException(
                    $"{PostgresVariable} is not set: the PostgreSQL race tests need a real server. Run ./scripts/test.sh, which installs and starts one.");
            database = "dc_race_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            all["DC_POSTGRES_CONNECTION"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        }

        return new RaceServer(Start(all), all, admin, database);
    }

    /// <summary>Another API instance on the same PostgreSQL database, as a scaled-out deployment runs (it drops nothing when disposed).</summary>
    public RaceServer StartAnotherInstance() =>
        _settings.ContainsKey("DC_POSTGRES_CONNECTION")
            ? new RaceServer(Start(_settings), _settings, null, null)
            : throw new InvalidOperationException("only PostgreSQL is shared by several API instances");

    private static ApiFactory Start(Dictionary<string, string?> settings)
    {
        var factory = new ApiFactory(settings);
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    /// <summary>Registers <paramref name="dcId"/> for <paramref name="signer"/>; returns the status and, on success, the credentials.</summary>
    public async Task<(HttpStatusCode Status, string User, string Key)> RegisterAsync(TestKey signer, string dcId)
    {
        var response = await Client.SendAsync(
            ApiFactory.Signed(signer, HttpMethod.Post, "/api/v1/agents/gateway/register", $"{{\"dcId\":\"{dcId}\"}}"), TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, string.Empty, string.Empty);
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (response.StatusCode, json.RootElement.GetProperty("acmeDnsUsername").GetString()!, json.RootElement.GetProperty("acmeDnsPassword").GetString()!);
    }

    /// <summary>An acme-dns update with the given credentials.</summary>
    public async Task<HttpStatusCode> UpdateTxtAsync(string user, string key, string dcId, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/acme-dns/update")
        {
            Content = ApiFactory.Json($"{{\"subdomain\":\"{dcId}\",\"txt\":\"{value}\"}}"),
        };
        request.Headers.Add("X-Api-User", user);
        request.Headers.Add("X-Api-Key", key);
        return (await Client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
