using Npgsql;

namespace DecentCloud.Adapters.Persistence;

/// <summary>
/// A session-level advisory lock on its own connection, held around the whole check-and-migrate so two
/// instances starting on one database take turns. A crashed holder's session ends and frees the lock.
/// </summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    // Any fixed 64-bit key that no other part of the product uses ("DCMIGRAT" in ASCII).
    private const long Key = 0x44434D4947524154;

    private readonly NpgsqlConnection _connection;

    private PostgresMigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresMigrationLock> AcquireAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Unpooled: the lock must go away with this connection, not linger in a pooled session. The command
        // timeout outlasts lock_timeout, so waiting for another instance's migration ends by the lock's own rule.
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds) + 30,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var wait = new NpgsqlCommand("SELECT set_config('lock_timeout', @timeout, false)", connection))
            {
                wait.Parameters.AddWithValue("timeout", $"{(long)timeout.TotalMilliseconds}ms");
                await wait.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
