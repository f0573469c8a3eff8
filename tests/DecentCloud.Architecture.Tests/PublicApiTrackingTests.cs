using System.Reflection;

namespace DecentCloud.Architecture.Tests;

/// <summary>
/// The public surface of every package is declared in <c>PublicAPI.Shipped.txt</c> / <c>PublicAPI.Unshipped.txt</c>
/// and enforced by Microsoft.CodeAnalysis.PublicApiAnalyzers at build time. These tests make sure no package
/// escapes that tracking and that the use-case plumbing stays out of the published surface.
/// </summary>
public class PublicApiTrackingTests
{
    private const string NullableHeader = "#nullable enable";

    public static TheoryData<string> Packages
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var project in PackageProjects())
            {
                data.Add(project.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_package_declares_its_public_api_with_nullability(string package)
    {
        var project = PackageProjects().Single(p => p.Name == package);
        var directory = Path.Combine(RepositoryLayout.Root, "src", project.Layer, project.Name);
        foreach (var file in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
        {
            var path = Path.Combine(directory, file);
            Assert.True(File.Exists(path), $"{path} is missing: the analyzer would not track {package}");
            Assert.Equal(NullableHeader, File.ReadLines(path).First());
        }

        // An empty baseline would make every public symbol an error on the first build; a package ships some API.
        Assert.Contains(File.ReadLines(Path.Combine(directory, "PublicAPI.Shipped.txt")).Skip(1), line => line.Length > 0);
    }

    [Fact]
    public void The_analyzer_is_referenced_for_packable_projects()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Directory.Build.props"));
        Assert.Contains("Microsoft.CodeAnalysis.PublicApiAnalyzers", props, StringComparison.Ordinal);
        Assert.Contains("PublicAPI.Shipped.txt;PublicAPI.Unshipped.txt", props, StringComparison.Ordinal);
    }

    [Fact]
    public void Mediator_handlers_and_the_generated_mediator_are_not_published()
    {
        var exported = Assembly.Load("DecentCloud.Application").GetExportedTypes();
        Assert.DoesNotContain(exported, t => t.GetInterfaces().Any(IsMediatorHandler));
        Assert.DoesNotContain(exported, t => t.Namespace is "Mediator" or "DecentCloud.Application.Mediator");
    }

    [Theory]
    [InlineData("DecentCloud.Adapters.Cloudflare")]
    [InlineData("DecentCloud.Adapters.Hetzner")]
    [InlineData("DecentCloud.Adapters.DigitalOcean")]
    [InlineData("DecentCloud.Adapters.Vultr")]
    [InlineData("DecentCloud.Adapters.Proxmox")]
    [InlineData("DecentCloud.Adapters.Docker")]
    public void Refit_wire_interfaces_are_not_published(string adapter)
    {
        var assembly = Assembly.Load(adapter);
        var refitInterfaces = assembly.GetTypes().Where(IsRefitInterface).ToList();
        Assert.NotEmpty(refitInterfaces);
        Assert.All(refitInterfaces, t => Assert.False(t.IsPublic, $"{t.FullName} is public"));

        // The wire records are the interfaces' parameters and results; none of them may leak either.
        Assert.DoesNotContain(assembly.GetExportedTypes(), t => refitInterfaces.Any(api => Mentions(api, t)));
    }

    private static IEnumerable<SourceProject> PackageProjects() =>
        RepositoryLayout.Projects.Where(p => p.Layer is "Domain" or "Application" or "Adapters");

    private static bool IsMediatorHandler(Type type) =>
        type.IsGenericType && type.Namespace == "Mediator" && type.Name.Contains("Handler", StringComparison.Ordinal);

    private static bool IsRefitInterface(Type type) =>
        type.IsInterface && type.GetMethods().Any(m => m.GetCustomAttributes().Any(a => IsRefitVerb(a.GetType())));

    private static bool IsRefitVerb(Type? attribute)
    {
        for (; attribute is not null; attribute = attribute.BaseType)
        {
            if (attribute is { Namespace: "Refit", Name: "HttpMethodAttribute" })
            {
                return true;
            }
        }

        return false;
    }

    private static bool Mentions(Type api, Type candidate) =>
        api.GetMethods().Any(m => Unwrap(m.ReturnType).Contains(candidate) || m.GetParameters().Any(p => Unwrap(p.ParameterType).Contains(candidate)));

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type) : [type];
}
