using DecentCloud.Adapters.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>A fresh database of either provider (empty, or loaded from an upgrade fixture), dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "DC_TEST_POSTGRES";

    /// <summary>The release whose dumps are in UpgradeFixtures/.</summary>
    public const string FixtureRelease = "70b5b92";

    private readonly Func<Task> _drop;

    private TestDatabase(PersistenceOptions options, Func<Task> drop)
    {
        Options = options;
        _drop = drop;
        Services = Build(options);
    }

    public PersistenceOptions Options { get; }

    public ServiceProvider Services { get; }

    /// <summary>An empty database with the current schema.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var db = await EmptyAsync(provider);
        await db.Services.InitializeDecentCloudDatabaseAsync();
        return db;
    }

    /// <summary>An empty database with no schema at all.</summary>
    public static async Task<TestDatabase> EmptyAsync(string provider)
    {
        if (provider == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException(
                    $"{PostgresVariable} is not set: the PostgreSQL store tests need a real server. Run ./scripts/test.sh, which installs and starts one.");
            var name = "dc_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var options = new PersistenceOptions { PostgresConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString };
            return new TestDatabase(options, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            });
        }

        var folder = Directory.CreateTempSubdirectory("dc-store-").FullName;
        return new TestDatabase(new PersistenceOptions { SqlitePath = Path.Combine(folder, "store.db") }, () =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
            return Task.CompletedTask;
        });
    }

    /// <summary>A database exactly as the previous release left it: its dump loaded, nothing migrated.</summary>
    public static async Task<TestDatabase> FromFixtureAsync(string provider)
    {
        var db = await EmptyAsync(provider);
        var dump = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "UpgradeFixtures", $"{provider}-{FixtureRelease}.sql"));
        await db.ExecuteScriptAsync(dump);
        return db;
    }

    /// <summary>Another set of services on the same database: what a second API instance would have.</summary>
    public ServiceProvider NewInstance(Microsoft.Extensions.Logging.ILoggerProvider? logs = null, Action<IServiceCollection>? configure = null) => Build(Options, logs, configure);

    /// <summary>Another instance whose services <paramref name="configure"/> changes last (a fake clock, a scripted port).</summary>
    public ServiceProvider NewInstance(Action<IServiceCollection> configure) => Build(Options, null, configure);

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs SQL outside EF on its own unpooled connection (a dump may change session settings).</summary>
    public async Task ExecuteScriptAsync(string sql)
    {
        if (Options.UsesPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(Options.PostgresConnectionString) { Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Options.SqlitePath, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _drop();
    }

    private static ServiceProvider Build(PersistenceOptions options, Microsoft.Extensions.Logging.ILoggerProvider? logs = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.org";
            o.GatewayPrefix = "gw";
            o.PublicUrl = "https://api.decent-cloud.org";
        });
        services.AddDecentCloudPersistence(options);
        services.AddSingleton<Application.AcmeDns.IDnsTxtPublisher, NoDns>();
        services.AddSingleton<Application.Dns.IDnsAddressPublisher, NoDns>();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private sealed class NoDns : Application.AcmeDns.IDnsTxtPublisher, Application.Dns.IDnsAddressPublisher
    {
        public Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SetAddressAsync(string name, System.Net.IPAddress address, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RemoveAddressAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
