using System.Diagnostics;

namespace DecentCloud.Agent.Setup;

/// <summary>Reloads a running Caddy with the new Caddyfile and credentials, when Caddy is installed.</summary>
internal static class CaddyReloader
{
    public static async Task<string> ReloadAsync(CaddyFiles files, CancellationToken cancellationToken)
    {
        var caddy = FindOnPath("caddy");
        if (caddy is null)
        {
            return "caddy not found on PATH: reload skipped (start Caddy with the env file as its environment)";
        }

        var start = new ProcessStartInfo(caddy)
        {
            ArgumentList = { "reload", "--config", files.Caddyfile, "--adapter", "caddyfile" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (name, value) in files.ReadEnv())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? "reloaded"
            : $"reload failed (exit {process.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}";
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
