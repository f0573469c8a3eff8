namespace DecentCloud.Tests.Shared;

/// <summary>
/// Where the shared conformance data lives: DC_CONFORMANCE_DIR, or <c>shared/conformance</c> found by walking up
/// from the binaries (the workplace keeps it beside the checkout, and CI has the same copy). It is read there,
/// never copied into the repository.
/// </summary>
internal static class SharedConformance
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

        throw new DirectoryNotFoundException("shared/conformance was not found above the checkout; set DC_CONFORMANCE_DIR to the conformance folder.");
    }
}
