using DecentCloud.Adapters.DigitalOcean;
using DecentCloud.Adapters.Shared;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DigitalOcean provisioner.</summary>
public static class DecentCloudDigitalOceanServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddDecentCloudDigitalOcean(this IServiceCollection services, DigitalOceanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddCloudProvisioner<IDigitalOceanApi, DigitalOceanProvisioner>(options, options.BaseAddress, "DigitalOcean", "digitalocean");
    }
}
