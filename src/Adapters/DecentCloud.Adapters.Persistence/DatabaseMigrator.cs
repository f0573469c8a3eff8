using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace DecentCloud.Adapters.Persistence;

/// <summary>
/// Brings the schema up to date with the provider's migration set. A database made by the releases that used
/// <c>EnsureCreated</c> (the tables, no migrations history) is adopted: its schema is the baseline, so the
/// baseline is recorded as applied without running it and only the later migrations run. Applying holds a
/// database-wide lock (PostgreSQL advisory lock, SQLite lock file), so instances starting together never race.
/// </summary>
public sealed class DatabaseMigrator
{
    // A table every release has had: present without a history table means "made by EnsureCreated".
    private const string MarkerTable = "contracts";

    private readonly DecentCloudDbContext _db;
    private readonly PersistenceOptions _options;

    /// <summary>A migrator for the database the context points at.</summary>
    public DatabaseMigrator(DecentCloudDbContext db, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        _db = db;
        _options = options;
    }

    /// <summary>How long <see cref="ApplyAsync"/> waits for another instance's migration before it gives up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The migrations of this provider's set, oldest first.</summary>
    public IReadOnlyList<string> All => _db.Database.GetMigrations().ToArray();

    /// <summary>The applied migrations (a pre-migrations database counts its baseline as applied), oldest first.</summary>
    public async Task<IReadOnlyList<string>> AppliedAsync(CancellationToken cancellationToken = default)
    {
        var state = await ReadStateAsync(cancellationToken);
        return state.Applied;
    }

    /// <summary>The migrations <see cref="ApplyAsync"/> would run, oldest first.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var state = await ReadStateAsync(cancellationToken);
        return All.Except(state.Applied).ToArray();
    }

    /// <summary>Whether the database predates migrations and its baseline would be recorded, not run.</summary>
    public async Task<bool> NeedsAdoptionAsync(CancellationToken cancellationToken = default) =>
        (await ReadStateAsync(cancellationToken)).Legacy;

    /// <summary>The SQL <see cref="ApplyAsync"/> would run, changing nothing; empty when the schema is current.</summary>
    public async Task<string> ScriptAsync(CancellationToken cancellationToken = default)
    {
        var state = await ReadStateAsync(cancellationToken);
        if (!All.Except(state.Applied).Any() && !state.Legacy)
        {
            return string.Empty;
        }

        var script = new StringBuilder();
        if (state.Legacy)
        {
            script.AppendLine("-- The tables exist without a migrations history: the baseline is recorded as applied, not run.");
            script.AppendLine(AdoptionScript());
        }

        var from = state.Applied.Count == 0 ? null : state.Applied[^1];
        script.Append(_db.GetService<IMigrator>().GenerateScript(from, null, MigrationsSqlGenerationOptions.Default));
        return script.ToString();
    }

    /// <summary>Applies the pending migrations under the database-wide lock; returns the ones it ran (and adopted).</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using IAsyncDisposable held = _options.UsesPostgres
            ? await PostgresMigrationLock.AcquireAsync(_options.PostgresConnectionString!, LockTimeout, cancellationToken) as IAsyncDisposable
            : await SqliteMigrationLock.AcquireAsync(_options.SqlitePath, LockTimeout, cancellationToken);

        // Read again under the lock: another instance may have migrated while this one waited.
        var state = await ReadStateAsync(cancellationToken);
        var done = new List<string>();
        if (state.Legacy)
        {
            await _db.Database.ExecuteSqlRawAsync(AdoptionScript(), cancellationToken);
            done.Add(Baseline);
        }

        var pending = All.Except(state.Applied).Where(m => !done.Contains(m)).ToArray();
        if (pending.Length > 0)
        {
            await _db.Database.MigrateAsync(cancellationToken);
            done.AddRange(pending);
        }

        return done;
    }

    private string Baseline => All.Count > 0 && All[0].EndsWith("_Baseline", StringComparison.Ordinal)
        ? All[0]
        : throw new InvalidOperationException("the first migration of the set must be the baseline");

    private string AdoptionScript()
    {
        var history = _db.GetService<IHistoryRepository>();
        return history.GetCreateIfNotExistsScript() + Environment.NewLine
            + history.GetInsertScript(new HistoryRow(Baseline, ProductInfo.GetVersion()));
    }

    private async Task<MigrationState> ReadStateAsync(CancellationToken cancellationToken)
    {
        // Opening a missing SQLite file would create it: a dry run must not. A PostgreSQL server that cannot be
        // reached is an error, never an "empty database" whose whole schema a dry run would then print.
        if (!_options.UsesPostgres && !File.Exists(Path.GetFullPath(_options.SqlitePath)))
        {
            return new MigrationState([], false);
        }

        if (_options.UsesPostgres)
        {
            await _db.Database.OpenConnectionAsync(cancellationToken);
            await _db.Database.CloseConnectionAsync();
        }

        // Asked of the catalog directly: the provider's own history check is not reliable on every provider version.
        if (await TableExistsAsync(HistoryRepository.DefaultTableName, cancellationToken))
        {
            var applied = await _db.Database.GetAppliedMigrationsAsync(cancellationToken);
            return new MigrationState(applied.ToArray(), false);
        }

        var legacy = await TableExistsAsync(MarkerTable, cancellationToken);
        return legacy ? new MigrationState([Baseline], true) : new MigrationState([], false);
    }

    private async Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken)
    {
        var sql = _options.UsesPostgres
            ? "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}"
            : "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}";
        var count = await _db.Database.SqlQueryRaw<int>(sql, table).SingleAsync(cancellationToken);
        return count > 0;
    }

    private sealed record MigrationState(IReadOnlyList<string> Applied, bool Legacy);
}
