namespace DecentCloud.Adapters.Persistence;

/// <summary>Where the data lives.</summary>
public sealed class PersistenceOptions
{
    /// <summary>A PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The SQLite database file used when no PostgreSQL connection string is set.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "decentcloud.db");

    /// <summary>Whether PostgreSQL is configured.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
