using DecentCloud.Adapters.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>A fresh, empty database of either provider, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "DC_TEST_POSTGRES";

    private readonly Func<Task> _drop;

    private TestDatabase(ServiceProvider services, Func<Task> drop)
    {
        Services = services;
        _drop = drop;
    }

    public ServiceProvider Services { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        PersistenceOptions options;
        Func<Task> drop;
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

            options = new PersistenceOptions { PostgresConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString };
            drop = async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            };
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("dc-store-").FullName;
            options = new PersistenceOptions { SqlitePath = Path.Combine(folder, "store.db") };
            drop = () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, true);
                return Task.CompletedTask;
            };
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.org";
            o.GatewayPrefix = "gw";
            o.PublicUrl = "https://api.decent-cloud.org";
        });
        services.AddDecentCloudPersistence(options);
        services.AddSingleton<Application.AcmeDns.IDnsTxtPublisher, NoDns>();
        var provider2 = services.BuildServiceProvider();
        await provider2.InitializeDecentCloudDatabaseAsync();
        return new TestDatabase(provider2, drop);
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _drop();
    }

    private sealed class NoDns : Application.AcmeDns.IDnsTxtPublisher
    {
        public Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
