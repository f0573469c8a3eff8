using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Adapters.Vultr;

/// <summary>Settings of the Vultr provisioner (a Vultr API key, plus the shared timing).</summary>
public sealed class VultrOptions : CloudProvisionerOptions
{
    /// <summary>Creates the settings; instances are polled every 3 s.</summary>
    public VultrOptions() => PollInterval = TimeSpan.FromSeconds(3);

    /// <summary>The API base address (changed only for tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.vultr.com/v2/");

    /// <summary>Plan when the offering's instance config names none.</summary>
    public string DefaultPlan { get; set; } = "vc2-2c-4gb";

    /// <summary>Region when the offering's instance config names none.</summary>
    public string DefaultRegion { get; set; } = "fra";

    /// <summary>Operating system id when the offering's instance config names none (2284: Ubuntu 24.04 x64).</summary>
    public int DefaultOsId { get; set; } = 2284;
}
