namespace DecentCloud.Hosting.Cli;

/// <summary>Where a command writes and what the output is attached to.</summary>
/// <param name="Out">Results (stdout).</param>
/// <param name="Error">Errors and notes (stderr).</param>
/// <param name="OutIsTerminal">Whether <paramref name="Out"/> is a terminal (a person reads it) rather than a pipe or file (a script does).</param>
/// <param name="Width">The width tables are drawn to.</param>
/// <param name="Unicode">Whether box-drawing characters can be shown; ASCII borders otherwise.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool OutIsTerminal = false, int Width = 120, bool Unicode = true)
{
    /// <summary>The process's console, with terminal detection.</summary>
    public static CliConsole System() => new(
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected,
        Console.IsOutputRedirected ? 120 : Math.Max(40, Console.WindowWidth),
        Console.OutputEncoding.CodePage == 65001);
}
