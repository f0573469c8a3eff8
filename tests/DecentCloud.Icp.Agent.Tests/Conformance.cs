using DecentCloud.Tests.Shared;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>The real mainnet certificates of the shared conformance data.</summary>
internal static class Conformance
{
    public static string Folder => SharedConformance.Folder;

    public static byte[] Certificate(string file) => File.ReadAllBytes(Path.Combine(Folder, "icp-certificates", file));
}
