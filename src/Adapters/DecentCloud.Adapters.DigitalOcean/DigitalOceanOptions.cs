using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Adapters.DigitalOcean;

/// <summary>Settings of the DigitalOcean provisioner (a personal access token with write scope, plus the shared timing).</summary>
public sealed class DigitalOceanOptions : CloudProvisionerOptions
{
    /// <summary>Creates the settings; droplets are polled every 3 s.</summary>
    public DigitalOceanOptions() => PollInterval = TimeSpan.FromSeconds(3);

    /// <summary>The API base address (changed only for tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.digitalocean.com/v2/");

    /// <summary>Droplet size slug when the offering's instance config names none.</summary>
    public string DefaultSize { get; set; } = "s-2vcpu-4gb";

    /// <summary>Image slug when the offering's instance config names none.</summary>
    public string DefaultImage { get; set; } = "ubuntu-24-04-x64";

    /// <summary>Region slug when the offering's instance config names none.</summary>
    public string DefaultRegion { get; set; } = "fra1";
}
