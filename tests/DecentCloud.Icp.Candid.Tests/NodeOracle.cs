using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>Runs a script of tests/node (DFINITY's JavaScript libraries, installed by ./scripts/test.sh) with JSON in and out.</summary>
internal static class NodeOracle
{
    private static readonly string Folder = FindFolder();

    public static async Task<JsonNode> RunAsync(string script, JsonNode input)
    {
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input.ToJsonString());
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode == 0
            ? JsonNode.Parse(await output) ?? throw new InvalidOperationException("node wrote nothing")
            : throw new InvalidOperationException($"node {script} failed: {await errors}");
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "tests", "node");
            if (File.Exists(Path.Combine(dir.FullName, "DecentCloud.sln")))
            {
                return Directory.Exists(Path.Combine(folder, "node_modules", "@dfinity", "candid"))
                    ? folder
                    : throw new InvalidOperationException($"{folder}/node_modules is missing; ./scripts/test.sh installs @dfinity/candid with npm.");
            }
        }

        throw new InvalidOperationException("tests/node not found");
    }
}
