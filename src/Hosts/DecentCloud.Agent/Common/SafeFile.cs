namespace DecentCloud.Agent.Common;

/// <summary>Writes files so that a reader never sees half a file and secrets are never world-readable, not even briefly.</summary>
internal static class SafeFile
{
    public const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode640 = Mode600 | UnixFileMode.GroupRead;
    public const UnixFileMode Mode750 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public static void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = mode,
            }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.SetUnixFileMode(temp, mode);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
