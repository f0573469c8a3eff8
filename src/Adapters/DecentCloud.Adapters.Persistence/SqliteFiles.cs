using Microsoft.Extensions.Logging;

namespace DecentCloud.Adapters.Persistence;

/// <summary>
/// Keeps the SQLite database private to the service user: it holds credential hashes and sealed VM credentials.
/// Before the first connection opens, a folder we create is made <c>0700</c>, the database file is created
/// <c>0600</c> (SQLite gives its <c>-wal</c>, <c>-shm</c> and <c>-journal</c> files the database's own mode), and
/// files of ours left readable by others (an older release, a copied file) are made <c>0600</c>. A folder the
/// operator made is left as it is (it may be a shared volume, or readable on purpose by a backup user), with a warning
/// when other users can enter it.
/// </summary>
internal sealed partial class SqliteFiles(string path, ILogger<SqliteFiles> logger)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;
    private const UnixFileMode GroupAndOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly string[] CompanionSuffixes = ["", "-wal", "-shm", "-journal"];

    private readonly Lock _gate = new();
    private bool _prepared;

    /// <summary>Prepares the files once per process (a connection opens many times; the files only need it once).</summary>
    public void EnsurePrepared()
    {
        lock (_gate)
        {
            if (_prepared)
            {
                return;
            }

            // In-memory and URI data sources have no file of ours to protect.
            if (!OperatingSystem.IsWindows() && path != ":memory:" && !path.StartsWith("file:", StringComparison.Ordinal))
            {
                Prepare(Path.GetFullPath(path));
            }

            _prepared = true;
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void Prepare(string database)
    {
        var folder = Path.GetDirectoryName(database);
        if (folder is not null)
        {
            if (!Directory.Exists(folder))
            {
                CreatePrivateFolders(folder);
            }
            else if ((File.GetUnixFileMode(folder) & GroupAndOthers) != 0)
            {
                LogOpenFolder(logger, folder, File.GetUnixFileMode(folder));
            }
        }

        foreach (var suffix in CompanionSuffixes)
        {
            var file = database + suffix;
            if (File.Exists(file) && (File.GetUnixFileMode(file) & GroupAndOthers) != 0)
            {
                File.SetUnixFileMode(file, OwnerOnlyFile);
            }
        }

        try
        {
            using var created = new FileStream(database, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        }
        catch (IOException) when (File.Exists(database))
        {
            // Already there (made private above), or another process created it first with these same rules.
        }
    }

    /// <summary>Creates <paramref name="folder"/> and every missing parent 0700 (CreateDirectory's mode reaches the last one only).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreatePrivateFolders(string folder)
    {
        var missing = new Stack<string>();
        for (var dir = folder; dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            missing.Push(dir);
        }

        foreach (var dir in missing)
        {
            Directory.CreateDirectory(dir, OwnerOnlyFolder);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database folder {Folder} ({Mode}) can be entered by other users; the database files are 0600, but consider chmod 700 on the folder")]
    private static partial void LogOpenFolder(ILogger logger, string folder, UnixFileMode mode);
}
