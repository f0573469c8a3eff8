using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>Where the built programs and the external tools are, and how to run them.</summary>
internal static class Programs
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(Programs).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string ApiDll => Built("DecentCloud.Api", "DecentCloud.Api.dll");

    public static string AgentDll => Built("DecentCloud.Agent", "dc-agent.dll");

    /// <summary>An external program the test script installs; its absence is a failure, never a skip.</summary>
    public static string Tool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"'{name}' is not installed; ./scripts/test.sh installs it (apt-get install {name}).");

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<RunResult> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, string? cwd = null, TimeSpan? timeout = null)
    {
        using var process = new Process { StartInfo = Start(file, args, env, cwd) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time:\n{stdout}\n{stderr}");
        }

        process.WaitForExit();
        return new RunResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public static ProcessStartInfo Start(string file, IEnumerable<string> args, IDictionary<string, string>? env, string? cwd)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, "src", "Hosts", project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DecentCloud.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DecentCloud.sln not found");
    }
}

public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>A long-running program (the API, pebble) whose output is kept for failure messages.</summary>
internal sealed class Background : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Background(string file, IEnumerable<string> args, IDictionary<string, string> env, string cwd)
    {
        _process = new Process { StartInfo = Programs.Start(file, args, env, cwd) };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public async Task WaitForTcpAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited early:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"{_process.StartInfo.FileName} did not listen on {port}:\n{Output}");
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var kill = await Programs.RunAsync(Programs.Tool("kill"), ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException(kill.ToString());
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
