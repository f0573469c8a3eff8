using DecentCloud.Adapters.Shared;
using DecentCloud.Adapters.Vultr;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Vultr provisioner.</summary>
public static class DecentCloudVultrServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddDecentCloudVultr(this IServiceCollection services, VultrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddCloudProvisioner<IVultrApi, VultrProvisioner>(options, options.BaseAddress, "Vultr", "vultr");
    }
}
