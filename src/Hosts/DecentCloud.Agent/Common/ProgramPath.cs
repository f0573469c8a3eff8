namespace DecentCloud.Agent.Common;

/// <summary>Finds a program the agent runs (caddy, nft): a path as given, or a name looked up on PATH.</summary>
internal static class ProgramPath
{
    /// <summary>The program's full path, or <c>null</c> when it does not exist.</summary>
    public static string? Resolve(string program) =>
        program.Contains('/', StringComparison.Ordinal)
            ? File.Exists(program) ? Path.GetFullPath(program) : null
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, program))
                .FirstOrDefault(File.Exists);
}
