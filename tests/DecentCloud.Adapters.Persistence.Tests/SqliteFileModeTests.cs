using DecentCloud.Application.Agents;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>The SQLite database holds credential hashes and sealed VM credentials: only the service user may read it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SqliteFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _root = Directory.CreateTempSubdirectory("dc-mode-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, true);
    }

    [Fact]
    public async Task The_database_its_wal_and_shm_and_the_folder_we_create_are_private()
    {
        // The usual umask (022) would make everything world-readable.
        var folder = Path.Combine(_root, "data", "nested");
        var path = Path.Combine(folder, "api.db");
        await WriteSomethingAsync(path);

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(_root, "data")));
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            Assert.True(File.Exists(file), $"{file} was not written");
            Assert.True(OwnerOnlyFile == File.GetUnixFileMode(file), $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public async Task An_existing_database_is_made_private_and_an_operators_folder_is_left_alone_with_a_warning()
    {
        var folder = Path.Combine(_root, "operator");
        Directory.CreateDirectory(folder);
        var open = OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(folder, open);
        var path = Path.Combine(folder, "api.db");
        await File.WriteAllBytesAsync(path, [], TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var log = new WarningLog();
        await WriteSomethingAsync(path, log);

        Assert.Equal(open, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
        Assert.Contains(log.Warnings, w => w.Contains(folder, StringComparison.Ordinal) && w.Contains("other users", StringComparison.Ordinal));
    }

    private static async Task WriteSomethingAsync(string path, WarningLog? log = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(l =>
        {
            if (log is not null)
            {
                l.AddProvider(log);
            }
        });
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.org";
            o.GatewayPrefix = "gw";
        });
        services.AddDecentCloudPersistence(new PersistenceOptions { SqlitePath = path });
        await using var provider = services.BuildServiceProvider();
        await provider.InitializeDecentCloudDatabaseAsync(TestContext.Current.CancellationToken);
        await using var scope = provider.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateSetupToken("pool-m", null, null, null), TestContext.Current.CancellationToken);
        Assert.True(created.IsSuccess);

        // The pooled connection keeps the -wal and -shm files while the modes are checked.
    }
}
