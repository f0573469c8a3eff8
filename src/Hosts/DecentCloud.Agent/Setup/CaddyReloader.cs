using DecentCloud.Agent.Common;
using System.ComponentModel;
using System.Diagnostics;
using DecentCloud.Agent.Gateway;

namespace DecentCloud.Agent.Setup;

/// <summary>
/// Reloads the running Caddy with the Caddyfile (<c>caddy reload --config … --adapter caddyfile --address {admin}</c>), with
/// the env file's credentials in the process environment so the Caddyfile's <c>{$ACME_DNS_*}</c> placeholders are filled.
/// </summary>
internal sealed class CaddyReloader(CaddyFiles files, CaddyOptions options)
{
    // A reload only adapts a file and posts it to a local endpoint; longer than this means Caddy is stuck.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Reloads Caddy; returns null when it took the configuration, otherwise why not (never a credential).</summary>
    public async Task<string?> ReloadAsync(CancellationToken cancellationToken)
    {
        var caddy = ProgramPath.Resolve(options.Binary);
        if (caddy is null)
        {
            return $"caddy not found ('{options.Binary}'{(options.Binary.Contains('/', StringComparison.Ordinal) ? string.Empty : " on PATH")})";
        }

        var env = File.Exists(files.EnvFile) ? files.ReadEnv() : [];
        var start = new ProcessStartInfo(caddy)
        {
            ArgumentList = { "reload", "--config", files.Caddyfile, "--adapter", "caddyfile", "--address", options.Admin },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in env)
        {
            start.Environment[name] = value;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            return $"caddy could not be started ({caddy}): {ex.Message}";
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                await Task.WhenAll(stdout, stderr);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return $"caddy reload did not finish within {Timeout.TotalSeconds:0} s";
            }

            return process.ExitCode == 0 ? null : $"caddy reload failed (exit {process.ExitCode}): {Redact(LastLine(await stderr), env)}";
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";

    // Caddy's parse errors quote tokens, and the tokens are the substituted credentials: never let one reach a log.
    private static string Redact(string line, Dictionary<string, string> env) =>
        env.Where(e => e.Key is "ACME_DNS_PASSWORD" or "ACME_DNS_USERNAME" && e.Value.Length > 0)
            .Aggregate(line, (text, secret) => text.Replace(secret.Value, "***", StringComparison.Ordinal));
}
