using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// Runs a script of tests/node (the reference JavaScript libraries, installed by ./scripts/test.sh) with JSON on
/// stdin and JSON expected on stdout; <c>folder</c> picks a sub-folder with its own packages (e.g. <c>agent</c>).
/// </summary>
internal static class NodeOracle
{
    private static readonly string Folder = FindFolder();

    public static async Task<JsonNode> RunAsync(string script, JsonNode input, string folder = "")
    {
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = Path.Combine(Folder, folder),
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
            : throw new InvalidOperationException($"node {script} failed (./scripts/test.sh installs the packages): {await errors}");
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DecentCloud.sln")))
            {
                var folder = Path.Combine(dir.FullName, "tests", "node");
                return Directory.Exists(Path.Combine(folder, "node_modules"))
                    ? folder
                    : throw new InvalidOperationException($"{folder}/node_modules is missing; ./scripts/test.sh installs the reference libraries with npm.");
            }
        }

        throw new InvalidOperationException("the checkout root (DecentCloud.sln) was not found");
    }
}
