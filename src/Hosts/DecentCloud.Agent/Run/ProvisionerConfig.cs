using DecentCloud.Adapters.DigitalOcean;
using DecentCloud.Adapters.Docker;
using DecentCloud.Adapters.Hetzner;
using DecentCloud.Adapters.Proxmox;
using DecentCloud.Adapters.Vultr;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Agent.Run;

/// <summary>
/// The <c>provisioner</c> section: <c>type</c> names the backend, and the section of that name holds its
/// options (the adapter's option names in camelCase; durations as <c>hh:mm:ss</c>).
/// </summary>
internal sealed record ProvisionerConfig
{
    public string Type { get; init; } = string.Empty;

    public HetznerOptions? Hetzner { get; init; }

    public DigitalOceanOptions? DigitalOcean { get; init; }

    public VultrOptions? Vultr { get; init; }

    public ProxmoxOptions? Proxmox { get; init; }

    public DockerOptions? Docker { get; init; }

    /// <summary>Registers the configured backend as the <see cref="IProvisioner"/>; the message names what is missing.</summary>
    public void Register(IServiceCollection services)
    {
        switch (Type)
        {
            case "hetzner":
                services.AddDecentCloudHetzner(Hetzner ?? throw Missing("hetzner"));
                break;
            case "digitalocean":
                services.AddDecentCloudDigitalOcean(DigitalOcean ?? throw Missing("digitalOcean"));
                break;
            case "vultr":
                services.AddDecentCloudVultr(Vultr ?? throw Missing("vultr"));
                break;
            case "proxmox":
                services.AddDecentCloudProxmox(Proxmox ?? throw Missing("proxmox"));
                break;
            case "docker":
                services.AddDecentCloudDocker(Docker ?? new DockerOptions());
                break;
            default:
                throw new InvalidDataException($"provisioner.type must be hetzner, digitalocean, vultr, proxmox or docker (got '{Type}').");
        }
    }

    private static InvalidDataException Missing(string section) =>
        new($"provisioner.{section} is missing: it holds the backend's settings (API token, …).");
}
