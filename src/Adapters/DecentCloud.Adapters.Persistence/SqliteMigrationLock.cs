using System.Diagnostics;

namespace DecentCloud.Adapters.Persistence;

/// <summary>
/// An exclusive lock file beside the SQLite database (<c>FILE.migrate-lock</c>), held around the whole
/// check-and-migrate. A lock inside the database cannot do it: the migration's own connection needs the write
/// lock. The operating system frees the file lock when the holder exits; the file itself stays (deleting it races).
/// </summary>
internal sealed class SqliteMigrationLock : IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _file;

    private SqliteMigrationLock(FileStream file) => _file = file;

    public static async Task<SqliteMigrationLock> AcquireAsync(string databasePath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(databasePath) + ".migrate-lock";
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows: one holder at a time.
                return new SqliteMigrationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (Stopwatch.GetElapsedTime(started) < timeout)
            {
                await Task.Delay(Retry, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
