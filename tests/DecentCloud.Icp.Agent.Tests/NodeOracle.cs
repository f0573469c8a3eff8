using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>Runs a script of tests/node (installed by ./scripts/test.sh) with JSON in and out.</summary>
internal static class NodeOracle
{
    public static async Task<JsonNode> RunAsync(string script, JsonNode input, string folder = "")
    {
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = Path.Combine(Root(), "tests", "node", folder),
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

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DecentCloud.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the checkout root was not found");
    }
}
