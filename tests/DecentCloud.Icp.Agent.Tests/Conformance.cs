namespace DecentCloud.Icp.Agent.Tests;

/// <summary>Where the shared conformance data lives (../shared/conformance beside the checkout, or DC_CONFORMANCE_DIR).</summary>
internal static class Conformance
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DC_CONFORMANCE_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/conformance was not found above the checkout; set DC_CONFORMANCE_DIR.");
    }

    public static byte[] Certificate(string file) => File.ReadAllBytes(Path.Combine(Folder, "icp-certificates", file));
}
