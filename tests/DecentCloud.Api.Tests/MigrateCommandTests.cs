using System.CommandLine;
using System.Security.Cryptography;
using DecentCloud.Api.Admin;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.Api.Tests;

/// <summary><c>admin migrate [--dry-run]</c> on SQLite files: a new one and one the previous release wrote.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-migrate-").FullName;

    private string DbPath => Path.Combine(_dir, "data", "api.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task The_verb_is_registered_with_its_dry_run_option()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, await AdminCli.RunAsync(["admin", "migrate", "--help"], stdout, stderr));
        Assert.Contains("--dry-run", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_on_a_new_database_lists_every_migration_and_its_sql_and_creates_nothing()
    {
        var run = await MigrateAsync("--dry-run");

        Assert.Equal(0, run.ExitCode);
        var pending = Lines(run.Stdout, "pending\t");
        Assert.Equal(12, pending.Length);
        Assert.EndsWith("_Baseline", pending[0], StringComparison.Ordinal);
        Assert.EndsWith("_TokenPrice", pending[1], StringComparison.Ordinal);
        Assert.EndsWith("_Outbox", pending[2], StringComparison.Ordinal);
        Assert.EndsWith("_Hardening", pending[3], StringComparison.Ordinal);
        Assert.EndsWith("_GatewayNames", pending[4], StringComparison.Ordinal);
        Assert.EndsWith("_Marketplace", pending[5], StringComparison.Ordinal);
        Assert.EndsWith("_Rentals", pending[6], StringComparison.Ordinal);
        Assert.EndsWith("_EscrowReleases", pending[7], StringComparison.Ordinal);
        Assert.EndsWith("_PriceHistory", pending[8], StringComparison.Ordinal);
        Assert.EndsWith("_PayoutsAndDeposits", pending[9], StringComparison.Ordinal);
        Assert.EndsWith("_TrustAndQuality", pending[10], StringComparison.Ordinal);
        Assert.EndsWith("_Notifications", pending[11], StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"contracts\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public async Task Without_dry_run_it_applies_them_once()
    {
        var first = await MigrateAsync();
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Applied 12 migration(s)", first.Stderr, StringComparison.Ordinal);

        var again = await MigrateAsync("--dry-run");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(12, Lines(again.Stdout, "applied\t").Length);
        Assert.Empty(Lines(again.Stdout, "pending\t"));
        Assert.Contains("The schema is up to date.", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_the_previous_release_is_adopted_then_upgraded_and_the_dry_run_leaves_it_untouched()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var load = connection.CreateCommand();
            load.CommandText = await File.ReadAllTextAsync(FixturePath(), TestContext.Current.CancellationToken);
            await load.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var before = await HashAsync(DbPath);
        var dry = await MigrateAsync("--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Single(Lines(dry.Stdout, "adopt\t"));
        Assert.Equal(["TokenPrice", "Outbox", "Hardening", "GatewayNames", "Marketplace", "Rentals", "EscrowReleases", "PriceHistory", "PayoutsAndDeposits", "TrustAndQuality", "Notifications"], Lines(dry.Stdout, "pending\t").Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        Assert.Contains("\"Terms_PriceToken\" = 'ICP'", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await HashAsync(DbPath));

        var apply = await MigrateAsync();
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("Applied 12 migration(s)", apply.Stderr, StringComparison.Ordinal);
        await using var check = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await check.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM contracts WHERE \"Terms_PriceToken\" = 'ICP' AND \"Terms_PriceAmount\" = '123456789'";
        Assert.Equal(1L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_postgres_server_that_cannot_be_reached_is_an_error_not_an_empty_database()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var password = "s3cret-" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["DC_POSTGRES_CONNECTION"] = $"Host=127.0.0.1;Port={port};Username=dc;Password={password};Database=dc;Timeout=3",
        };

        var run = await MigrateAsync(settings, "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("pending", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("error: the database cannot be used:", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(password, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> MigrateAsync(params string[] args) =>
        MigrateAsync(new Dictionary<string, string?> { ["DC_SQLITE_PATH"] = DbPath }, args);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> MigrateAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var root = new RootCommand { MigrateCommand.Create(stdout, stderr, () => config) };
        var exit = await root.Parse(["migrate", .. args]).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text, string prefix) =>
        text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Split('\t')[0].Trim()).ToArray();

    private static async Task<string> HashAsync(string path) =>
        Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)));

    // The previous release's own SQLite output, kept beside the persistence upgrade tests.
    private static string FixturePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DecentCloud.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"),
            "tests", "DecentCloud.Adapters.Persistence.Tests", "UpgradeFixtures", "sqlite-70b5b92.sql");
    }
}
