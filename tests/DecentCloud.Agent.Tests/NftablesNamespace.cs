using System.Diagnostics;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// A throw-away network namespace (deleted on dispose) with an nft wrapper that runs inside it, so the tests apply real
/// rules without touching the host's. Needs root, iproute2 and nftables (scripts/test.sh installs both); a missing one
/// fails the test with the reason.
/// </summary>
internal sealed class NftablesNamespace : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-nft-").FullName;

    public NftablesNamespace()
    {
        Name = $"dc-nft-{Guid.NewGuid().ToString("N")[..8]}";
        Require("ip", "iproute2");
        Require("nft", "nftables");
        Run("ip", "netns", "add", Name);
        try
        {
            Exec("ip", "link", "set", "lo", "up");
        }
        catch
        {
            Dispose();
            throw;
        }

        NftPath = Wrapper("nft", $"exec ip netns exec {Name} nft \"$@\"");
    }

    /// <summary>The namespace's name (dc-nft-xxxxxxxx).</summary>
    public string Name { get; }

    /// <summary>A script that runs nft in the namespace, for <c>NftablesOptions.NftPath</c>.</summary>
    public string NftPath { get; }

    /// <summary>Writes an executable shell script named <paramref name="name"/> with <paramref name="body"/>.</summary>
    public string Wrapper(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Runs a command inside the namespace; its stdout, or an exception with its stderr.</summary>
    public string Exec(params string[] command) => Run(["ip", "netns", "exec", Name, .. command]);

    /// <summary>The rules of each chain of <paramref name="table"/> as nft lists them (chain → rule lines); none when the table is absent.</summary>
    public Dictionary<string, List<string>>? Rules(string table = "dc_agent")
    {
        var (exit, stdout, _) = TryRun("ip", "netns", "exec", Name, "nft", "list", "table", "ip", table);
        if (exit != 0)
        {
            return null;
        }

        var chains = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("chain ", StringComparison.Ordinal))
            {
                current = chains[line["chain ".Length..].TrimEnd('{', ' ')] = [];
            }
            else if (line == "}")
            {
                current = null;
            }
            else if (current is not null && !line.StartsWith("type ", StringComparison.Ordinal))
            {
                current.Add(line);
            }
        }

        return chains;
    }

    public void Dispose()
    {
        TryRun("ip", "netns", "delete", Name);
        Directory.Delete(_dir, true);
    }

    /// <summary>Runs a program to its end; its stdout, or an exception with its stderr.</summary>
    public static string Run(params string[] command)
    {
        var (exit, stdout, stderr) = TryRun(command);
        return exit == 0 ? stdout : throw new InvalidOperationException($"{string.Join(' ', command)} exited {exit}: {stderr}");
    }

    private static (int Exit, string Out, string Err) TryRun(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    private static void Require(string program, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
        if (!found)
        {
            throw new InvalidOperationException($"{program} is not on PATH: these tests need the Debian package {package} (scripts/test.sh installs it).");
        }
    }
}
