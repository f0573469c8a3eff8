using System.Reflection;
using System.Text;

namespace DecentCloud.Architecture.Tests;

/// <summary>
/// The public surface of every package, compared with the committed listing in <c>PublicApi/</c>.
/// A change that breaks third parties shows up in review as a diff of that file. To accept a change,
/// run the tests with <c>DC_UPDATE_PUBLIC_API=1</c> and commit the new listing.
/// </summary>
public class PublicApiTests
{
    public static TheoryData<string> Packages => new()
    {
        "DecentCloud.Domain",
        "DecentCloud.Application",
        "DecentCloud.Application.ProviderAgent",
        "DecentCloud.Adapters.Persistence",
        "DecentCloud.Adapters.Cloudflare",
        "DecentCloud.Adapters.EmbeddedDns",
        "DecentCloud.Adapters.Crypto",
        "DecentCloud.Adapters.Hetzner",
        "DecentCloud.Adapters.DigitalOcean",
        "DecentCloud.Adapters.Vultr",
        "DecentCloud.Adapters.Proxmox",
        "DecentCloud.Adapters.Docker",
        "DecentCloud.Adapters.Ssh",
        "DecentCloud.Icp.Candid",
        "DecentCloud.Icp.Agent",
        "DecentCloud.Api.Client",
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Public_api_matches_the_committed_listing(string package)
    {
        var assembly = Assembly.Load(package);
        var actual = Describe(assembly);
        var file = Path.Combine(RepositoryLayout.Root, "tests", "DecentCloud.Architecture.Tests", "PublicApi", package + ".txt");
        if (Environment.GetEnvironmentVariable("DC_UPDATE_PUBLIC_API") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
        }

        Assert.True(File.Exists(file), $"{file} is missing; run with DC_UPDATE_PUBLIC_API=1 to create it");
        Assert.Equal(File.ReadAllText(file), actual);
    }

    [Fact]
    public void Every_package_project_is_listed() =>
        Assert.Equal(
            RepositoryLayout.Projects.Where(p => p.Layer is "Domain" or "Application" or "Adapters").Select(p => p.Name).Order(),
            Packages.Select(p => (string)p.Data).Order());

    private static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";
            lines.Add($"{kind} {Name(type)}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags).Where(m => m is not Type))
            {
                if (member is MethodInfo { IsSpecialName: true } && !member.Name.StartsWith("op_", StringComparison.Ordinal))
                {
                    continue;
                }

                lines.Add($"{Name(type)}::{Member(member)}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
    }

    private static string Member(MemberInfo member) => member switch
    {
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m.GetParameters())})",
        ConstructorInfo c => $"ctor({Parameters(c.GetParameters())})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? " set;" : "")} }}",
        FieldInfo f => $"{(f.IsStatic ? "static " : "")}{(f.IsLiteral ? "const " : f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => member.ToString()!,
    };

    private static string Generic(MethodInfo m) => m.IsGenericMethod ? $"<{string.Join(", ", m.GetGenericArguments().Select(Name))}>" : "";

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p => $"{Name(p.ParameterType)} {p.Name}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var definition = type.GetGenericTypeDefinition().FullName ?? type.Name;
        return $"{definition[..definition.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }
}
