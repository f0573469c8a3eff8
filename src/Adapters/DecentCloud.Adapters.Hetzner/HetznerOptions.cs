using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Adapters.Hetzner;

/// <summary>Settings of the Hetzner Cloud provisioner (a project API token with read/write rights, plus the shared timing).</summary>
public sealed class HetznerOptions : CloudProvisionerOptions
{
    /// <summary>The API base address (changed only for tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.hetzner.cloud/v1/");

    /// <summary>Server type when the offering's instance config names none.</summary>
    public string DefaultServerType { get; set; } = "cx22";

    /// <summary>Image when the offering's instance config names none.</summary>
    public string DefaultImage { get; set; } = "ubuntu-24.04";

    /// <summary>Location when the offering's instance config names none (null: Hetzner chooses).</summary>
    public string? DefaultLocation { get; set; }
}
