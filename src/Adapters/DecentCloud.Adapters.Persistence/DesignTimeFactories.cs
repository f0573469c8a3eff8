using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DecentCloud.Adapters.Persistence;

// Used by dotnet-ef only (migrations add/script): neither opens a connection, so the targets are placeholders.

/// <summary>Design-time SQLite context for <c>dotnet ef migrations add … --context SqliteDecentCloudDbContext</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDecentCloudDbContext>
{
    public SqliteDecentCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDecentCloudDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Design-time PostgreSQL context for <c>dotnet ef migrations add … --context PostgresDecentCloudDbContext</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDecentCloudDbContext>
{
    public PostgresDecentCloudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDecentCloudDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
