using System.Reflection;

namespace DecentCloud.Architecture.Tests;

public class LayerRuleTests
{
    private static IEnumerable<SourceProject> InLayer(string layer) => RepositoryLayout.Projects.Where(p => p.Layer == layer);

    [Fact]
    public void The_layout_has_every_layer()
    {
        Assert.Equal(["Adapters", "Application", "Domain", "Hosts"], RepositoryLayout.Projects.Select(p => p.Layer).Distinct().Order());
        Assert.Contains(RepositoryLayout.Projects, p => p.Name == "DecentCloud.Api");
        Assert.Contains(RepositoryLayout.Projects, p => p.Name == "DecentCloud.Agent");
    }

    [Fact]
    public void Domain_references_no_other_project_and_only_FluentResults()
    {
        var domain = Assert.Single(InLayer("Domain"));
        Assert.Empty(domain.References);
        Assert.Equal(["FluentResults"], domain.Packages);
    }

    [Fact]
    public void Application_references_only_the_domain() =>
        Assert.All(InLayer("Application"), p => Assert.Equal(["DecentCloud.Domain"], p.References));

    // Provisioner adapters build on the provider-agent package alone, so a third party can write one without the server's handlers.
    private static readonly string[] ProvisionerAdapters =
    [
        "DecentCloud.Adapters.Hetzner", "DecentCloud.Adapters.DigitalOcean", "DecentCloud.Adapters.Vultr",
        "DecentCloud.Adapters.Proxmox", "DecentCloud.Adapters.Docker", "DecentCloud.Adapters.Ssh",
    ];

    [Fact]
    public void The_provider_agent_package_references_only_the_domain_and_the_server_application_does_not_reference_it()
    {
        var agent = Assert.Single(RepositoryLayout.Projects, p => p.Name == "DecentCloud.Application.ProviderAgent");
        Assert.Equal(["DecentCloud.Domain"], agent.References);
        Assert.All(agent.Packages, p => Assert.StartsWith("Microsoft.Extensions.", p, StringComparison.Ordinal));
        var server = Assert.Single(RepositoryLayout.Projects, p => p.Name == "DecentCloud.Application");
        Assert.DoesNotContain("DecentCloud.Application.ProviderAgent", server.References);
    }

    [Fact]
    public void Provisioner_adapters_reference_only_the_provider_agent_package_and_the_domain() =>
        Assert.All(ProvisionerAdapters, name =>
        {
            var adapter = Assert.Single(RepositoryLayout.Projects, p => p.Name == name);
            Assert.Equal(["DecentCloud.Application.ProviderAgent"], adapter.References);
        });

    [Fact]
    public void Adapters_reference_only_inner_layers_and_never_each_other() =>
        Assert.All(InLayer("Adapters"), adapter =>
        {
            // The ICP packages stand alone: only the agent may build on the Candid package.
            // The API client stands alone too, so a wallet can use it without the server's packages.
            var allowed = adapter.Name switch
            {
                "DecentCloud.Icp.Agent" => ["DecentCloud.Icp.Candid"],
                "DecentCloud.Api.Client" => Array.Empty<string>(),
                _ when adapter.Name.StartsWith("DecentCloud.Icp.", StringComparison.Ordinal) => Array.Empty<string>(),
                // The platform's IC adapter builds on the ICP packages as it would on any published library.
                IcpAdapter => ["DecentCloud.Application", "DecentCloud.Domain", "DecentCloud.Icp.Agent"],
                _ when ProvisionerAdapters.Contains(adapter.Name) => ["DecentCloud.Application.ProviderAgent", "DecentCloud.Domain"],
                _ => ["DecentCloud.Application", "DecentCloud.Domain"],
            };
            Assert.All(adapter.References, r => Assert.True(allowed.Contains(r), $"{adapter.Name} references {r}"));
        });

    [Fact]
    public void The_api_client_references_no_DecentCloud_project_and_the_api_host_uses_it()
    {
        var client = Assert.Single(RepositoryLayout.Projects, p => p.Name == "DecentCloud.Api.Client");
        Assert.Empty(client.References);
        Assert.Contains("DecentCloud.Api.Client", Assert.Single(RepositoryLayout.Projects, p => p.Name == "DecentCloud.Api").References);
    }

    [Fact]
    public void Nothing_references_a_host()
    {
        var hosts = InLayer("Hosts").Select(h => h.Name).Where(n => n != HostingPackage).ToHashSet();
        Assert.All(RepositoryLayout.Projects, p => Assert.DoesNotContain(p.References, hosts.Contains));
    }

    private const string HostingPackage = "DecentCloud.Hosting";

    private const string IcpAdapter = "DecentCloud.Adapters.Icp";

    [Fact]
    public void The_hosting_package_references_nothing_of_DecentCloud_and_only_hosts_use_it()
    {
        var hosting = Assert.Single(RepositoryLayout.Projects, p => p.Name == HostingPackage);
        Assert.Equal("Hosts", hosting.Layer);
        Assert.Empty(hosting.References);
        Assert.All(
            RepositoryLayout.Projects.Where(p => p.References.Contains(HostingPackage)),
            p => Assert.True(p.Layer == "Hosts", $"{p.Name} references {HostingPackage}"));
    }

    [Fact]
    public void Compiled_assemblies_keep_the_same_rules()
    {
        // The project files state intent; the compiled references show what is really used.
        var assemblies = new[]
        {
            typeof(Domain.Gateways.DcId).Assembly,
            typeof(Application.Common.GatewayOptions).Assembly,
            typeof(Application.ProviderAgent.Provisioning.IProvisioner).Assembly,
            typeof(Adapters.Persistence.PersistenceOptions).Assembly,
            typeof(Adapters.Cloudflare.CloudflareOptions).Assembly,
            typeof(Adapters.EmbeddedDns.EmbeddedDnsOptions).Assembly,
            typeof(Adapters.Crypto.Ed25519ph).Assembly,
            typeof(Adapters.Hetzner.HetznerOptions).Assembly,
            typeof(Adapters.DigitalOcean.DigitalOceanOptions).Assembly,
            typeof(Adapters.Vultr.VultrOptions).Assembly,
            typeof(Adapters.Proxmox.ProxmoxOptions).Assembly,
            typeof(Adapters.Docker.DockerOptions).Assembly,
            typeof(Adapters.Ssh.SshOptions).Assembly,
            typeof(Adapters.Stripe.StripeOptions).Assembly,
            typeof(Adapters.Exchanges.ExchangesOptions).Assembly,
            typeof(Adapters.Probes.ProbeOptions).Assembly,
            typeof(Adapters.Notifications.SmtpEmailOptions).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.DecentCloudBenchmarksServiceCollectionExtensions).Assembly,
            typeof(Adapters.Icp.IcNetworkOptions).Assembly,
            typeof(Icp.Candid.Principal).Assembly,
            typeof(Icp.Agent.RequestId).Assembly,
            typeof(Api.Client.IAgentApi).Assembly,
        };
        foreach (var assembly in assemblies)
        {
            var ours = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("DecentCloud.", StringComparison.Ordinal)).ToArray();
            var name = assembly.GetName().Name!;
            string[] allowed = name switch
            {
                "DecentCloud.Domain" => [],
                "DecentCloud.Application" or "DecentCloud.Application.ProviderAgent" => ["DecentCloud.Domain"],
                "DecentCloud.Icp.Agent" => ["DecentCloud.Icp.Candid"],
                "DecentCloud.Api.Client" => [],
                _ when ProvisionerAdapters.Contains(name) => ["DecentCloud.Domain", "DecentCloud.Application.ProviderAgent"],
                _ when name.StartsWith("DecentCloud.Icp.", StringComparison.Ordinal) => [],
                IcpAdapter => ["DecentCloud.Domain", "DecentCloud.Application", "DecentCloud.Icp.Agent", "DecentCloud.Icp.Candid"],
                _ => ["DecentCloud.Domain", "DecentCloud.Application"],
            };
            Assert.All(ours, r => Assert.True(allowed.Contains(r), $"{name} references {r}"));
        }
    }

    [Fact]
    public void Domain_types_have_no_public_setters()
    {
        var leaks = typeof(Domain.Gateways.DcId).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } && !p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToArray();
        Assert.Empty(leaks);
    }
}
