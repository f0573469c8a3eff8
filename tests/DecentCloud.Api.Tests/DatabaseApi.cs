using Npgsql;

namespace DecentCloud.Api.Tests;

/// <summary>An <see cref="ApiFactory"/> on SQLite, or on a fresh PostgreSQL database of the server in <c>DC_TEST_POSTGRES</c> (dropped afterwards).</summary>
internal sealed class DatabaseApi : IAsyncDisposable
{
    private readonly string? _admin;
    private readonly string? _database;

    private DatabaseApi(ApiFactory factory, string? admin, string? database)
    {
        Factory = factory;
        _admin = admin;
        _database = database;
    }

    public ApiFactory Factory { get; }

    public static async Task<DatabaseApi> CreateAsync(string provider, Dictionary<string, string?>? settings = null)
    {
        if (provider != "postgres")
        {
            return new DatabaseApi(new ApiFactory(settings), null, null);
        }

        // No skip: the test script starts a server; without one this test must fail loudly.
        var admin = Environment.GetEnvironmentVariable("DC_TEST_POSTGRES")
            ?? throw new InvalidOperationException("DC_TEST_POSTGRES is not set: the PostgreSQL route tests need a real server (scripts/test.sh starts one).");
        var name = "dc_api_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new DatabaseApi(new ApiFactory(new Dictionary<string, string?>(settings ?? []) { ["DC_POSTGRES_CONNECTION"] = connectionString }), admin, name);
    }

    public async ValueTask DisposeAsync()
    {
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
