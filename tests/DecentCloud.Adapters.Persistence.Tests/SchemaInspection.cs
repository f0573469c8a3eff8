using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>Reads a database's schema and row counts straight from the catalog, without EF.</summary>
internal static class SchemaInspection
{
    /// <summary>One line per column, index and constraint of the product's tables (EF's own tables left out), sorted.</summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(TestDatabase db)
    {
        await using var connection = await OpenAsync(db);
        var lines = new List<string>();
        if (db.Options.UsesPostgres)
        {
            lines.AddRange(await QueryAsync(connection, """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                    || coalesce(' numeric(' || numeric_precision || ',' || numeric_scale || ')', '')
                    || ' null=' || is_nullable || ' identity=' || is_identity || ' default=' || coalesce(column_default, '-')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
                """));
            lines.AddRange(await QueryAsync(connection,
                "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_EF%'"));
            lines.AddRange(await QueryAsync(connection, """
                SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"\_\_EF%'
                """));
        }
        else
        {
            foreach (var table in await TablesAsync(db))
            {
                lines.AddRange(await QueryAsync(connection,
                    $"SELECT 'column {table}.' || name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk || ' default=' || coalesce(dflt_value, '-') FROM pragma_table_info('{table}')"));
                lines.AddRange(await QueryAsync(connection,
                    $"SELECT 'index {table}.' || il.name || ' unique=' || il.\"unique\" || ' ' || group_concat(ii.name, ',') FROM pragma_index_list('{table}') il JOIN pragma_index_info(il.name) ii GROUP BY il.name"));
                lines.AddRange(await QueryAsync(connection,
                    $"SELECT 'fk {table}.' || \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' on delete ' || on_delete FROM pragma_foreign_key_list('{table}')"));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The product's tables (EF's own left out).</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(TestDatabase db)
    {
        await using var connection = await OpenAsync(db);
        var tables = await QueryAsync(connection, db.Options.UsesPostgres
            ? "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_EF%'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\'");
        tables.Sort(StringComparer.Ordinal);
        return tables;
    }

    /// <summary>The number of rows in every product table.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(TestDatabase db)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(db);
        foreach (var table in await TablesAsync(db))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        return counts;
    }

    /// <summary>The first column of every row of a query, as text.</summary>
    public static async Task<List<string>> QueryAsync(TestDatabase db, string sql)
    {
        await using var connection = await OpenAsync(db);
        return await QueryAsync(connection, sql);
    }

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.IsDBNull(0) ? "NULL" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    private static async Task<DbConnection> OpenAsync(TestDatabase db)
    {
        DbConnection connection = db.Options.UsesPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Options.PostgresConnectionString) { Pooling = false }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db.Options.SqlitePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
