using Microsoft.EntityFrameworkCore;

namespace DecentCloud.Adapters.Persistence;

/// <summary>The model on SQLite; migrations in Migrations/Sqlite belong to this type.</summary>
internal sealed class SqliteDecentCloudDbContext(DbContextOptions<SqliteDecentCloudDbContext> options) : DecentCloudDbContext(options);

/// <summary>The model on PostgreSQL; migrations in Migrations/Postgres belong to this type.</summary>
internal sealed class PostgresDecentCloudDbContext(DbContextOptions<PostgresDecentCloudDbContext> options) : DecentCloudDbContext(options);
