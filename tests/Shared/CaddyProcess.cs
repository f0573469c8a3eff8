using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// A real Caddy for tests: <c>caddy run</c> on a Caddyfile whose admin, HTTP and HTTPS ports the test picked with
/// <see cref="FreePorts"/>, never the system Caddy's. Its config and data folders are the test's own. Uses only System.* and
/// xunit's Assert, so other test projects can link this file.
/// </summary>
internal sealed class CaddyProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private CaddyProcess(Process process) => this.process = process;

    /// <summary>What Caddy printed so far (its JSON log), for assertion messages.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>The caddy program on PATH; fails the test when Caddy is not installed (scripts/test.sh installs it).</summary>
    public static string Binary =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "caddy"))
            .FirstOrDefault(File.Exists)
        ?? throw new Xunit.Sdk.XunitException("caddy is not installed: install Debian's caddy package (scripts/test.sh does).");

    /// <summary><paramref name="count"/> distinct loopback TCP ports that were free a moment ago.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>
    /// Runs <c>caddy {args}</c> to its end (e.g. <c>validate</c>) with <paramref name="environment"/> added and its home in
    /// <paramref name="workDir"/>; returns the exit code and everything it printed.
    /// </summary>
    public static async Task<(int Exit, string Output)> RunToEndAsync(string workDir, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = StartInfo(args, environment, Path.Combine(workDir, ".caddy-home"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// Starts <c>caddy run</c> on <paramref name="caddyfile"/> and waits until its admin endpoint at <paramref name="admin"/>
    /// (host:port, as the Caddyfile says) answers; fails with Caddy's log when it exits or does not answer in time.
    /// </summary>
    public static async Task<CaddyProcess> StartAsync(string caddyfile, string admin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (caddy, log) = await TryStartAsync(caddyfile, admin, environment);
        return caddy ?? throw new Xunit.Sdk.XunitException(log);
    }

    /// <summary>
    /// As <see cref="StartAsync"/>, but returns null and why instead of failing, so a caller can pick other ports and try
    /// again when another process took one of them between <see cref="FreePorts"/> and Caddy's start.
    /// </summary>
    public static async Task<(CaddyProcess? Caddy, string Log)> TryStartAsync(string caddyfile, string admin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var home = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(caddyfile))!, ".caddy-home");
        var process = new Process { StartInfo = StartInfo(["run", "--config", caddyfile, "--adapter", "caddyfile"], environment, home) };
        var caddy = new CaddyProcess(process);
        process.OutputDataReceived += (_, e) => caddy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => caddy.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                var exited = $"caddy run exited with {process.ExitCode}:\n{caddy.Log}";
                await caddy.DisposeAsync();
                return (null, exited);
            }

            try
            {
                using var reply = await http.GetAsync(new Uri($"http://{admin}/config/"));
                if (reply.IsSuccessStatusCode)
                {
                    return (caddy, caddy.Log);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        var silent = $"caddy's admin endpoint {admin} did not answer within 30 s:\n{caddy.Log}";
        await caddy.DisposeAsync();
        return (null, silent);
    }

    /// <summary>Stops Caddy (the whole process tree) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    // HOME and the XDG folders point into the test's folder, so Caddy's autosave and data never touch the system ones.
    private static ProcessStartInfo StartInfo(string[] args, IReadOnlyDictionary<string, string>? environment, string home)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(home, "data");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
