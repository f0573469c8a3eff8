using System.Xml.Linq;

namespace DecentCloud.Architecture.Tests;

/// <summary>The projects under <c>src/</c> and what they reference, read from the project files.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<SourceProject> Projects { get; } = LoadProjects();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DecentCloud.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DecentCloud.sln not found above the test folder");
    }

    private static List<SourceProject> LoadProjects() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path =>
            {
                var xml = XDocument.Load(path);
                var references = xml.Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                    .ToArray();
                var packages = xml.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value).ToArray();
                var layer = Path.GetRelativePath(Path.Combine(Root, "src"), path).Split(Path.DirectorySeparatorChar)[0];
                return new SourceProject(Path.GetFileNameWithoutExtension(path), layer, references, packages);
            })
            .ToList();
}

internal sealed record SourceProject(string Name, string Layer, IReadOnlyList<string> References, IReadOnlyList<string> Packages);
