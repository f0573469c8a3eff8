using DecentCloud.Adapters.Hetzner;
using DecentCloud.Adapters.Shared;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Hetzner Cloud provisioner.</summary>
public static class DecentCloudHetznerServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddDecentCloudHetzner(this IServiceCollection services, HetznerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddCloudProvisioner<IHetznerApi, HetznerProvisioner>(options, options.BaseAddress, "Hetzner", "hetzner");
    }
}
