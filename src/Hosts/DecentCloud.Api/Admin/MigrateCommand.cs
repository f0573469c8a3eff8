using System.CommandLine;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Configuration;

namespace DecentCloud.Api.Admin;

/// <summary>
/// <c>admin migrate [--dry-run]</c>: lists the applied and pending schema migrations of the configured database;
/// with <c>--dry-run</c> prints the SQL they would run and changes nothing, without it applies them (under the
/// same lock the API takes on start). Self-contained: it needs the database settings only.
/// </summary>
internal static class MigrateCommand
{
    /// <summary>The verb; <paramref name="configuration"/> defaults to the environment, as for every admin verb.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<IConfiguration>? configuration = null)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the migrations and their SQL; change nothing." };
        var command = new Command("migrate", "Shows the applied and pending schema migrations and applies the pending ones (--dry-run: prints their SQL only).")
        {
            dryRun,
        };
        command.SetAction(async (parse, ct) =>
        {
            PersistenceOptions persistence;
            try
            {
                var config = configuration?.Invoke() ?? new ConfigurationBuilder().AddEnvironmentVariables().Build();
                persistence = ApiSettings.FromConfiguration(config).Persistence;
            }
            catch (InvalidOperationException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }

            try
            {
                return await RunAsync(persistence, parse.GetValue(dryRun), stdout, stderr, ct);
            }
            catch (Exception ex) when (DatabaseFault(ex) is { } fault)
            {
                // The provider's message names the server, never the password.
                await stderr.WriteLineAsync($"error: the database cannot be used: {fault.Message}");
                return 1;
            }
        });
        return command;
    }

    // EF Core wraps the provider's error (e.g. in its transient-failure InvalidOperationException).
    private static System.Data.Common.DbException? DatabaseFault(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is System.Data.Common.DbException db)
            {
                return db;
            }
        }

        return null;
    }

    private static async Task<int> RunAsync(PersistenceOptions persistence, bool dryRun, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddDecentCloudPersistence(persistence);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        await stdout.WriteLineAsync($"database: {persistence.DescribeDatabase()}");
        var adopt = await migrator.NeedsAdoptionAsync(ct);
        foreach (var id in await migrator.AppliedAsync(ct))
        {
            await stdout.WriteLineAsync(adopt && id == migrator.All[0]
                ? $"adopt\t{id}\t(tables made before migrations: recorded as applied, not run)"
                : $"applied\t{id}");
        }

        var pending = await migrator.PendingAsync(ct);
        foreach (var id in pending)
        {
            await stdout.WriteLineAsync($"pending\t{id}");
        }

        if (pending.Count == 0 && !adopt)
        {
            await stderr.WriteLineAsync("The schema is up to date.");
            return 0;
        }

        if (dryRun)
        {
            await stdout.WriteLineAsync(await migrator.ScriptAsync(ct));
            await stderr.WriteLineAsync("Dry run: nothing was changed.");
            return 0;
        }

        if (!persistence.UsesPostgres)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(persistence.SqlitePath))!);
        }

        var done = await migrator.ApplyAsync(ct);
        await stderr.WriteLineAsync(done.Count == 0
            ? "Another instance had already applied them."
            : $"Applied {done.Count} migration(s): {string.Join(", ", done)}.");
        return 0;
    }
}
