using DecentCloud.Adapters.Hetzner;
using DecentCloud.Application.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DecentCloud.Adapters.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Hetzner Cloud provisioner.</summary>
public static class DecentCloudHetznerServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddDecentCloudHetzner(this IServiceCollection services, HetznerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            throw new ArgumentException("Hetzner needs an API token.", nameof(options));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddBearerApi<IHetznerApi>(options.BaseAddress, options.ApiToken, "hetzner", options.MaxRetries, options.RetryBaseDelay);
        services.AddSingleton<HetznerProvisioner>();
        services.AddSingleton<IProvisioner>(sp => sp.GetRequiredService<HetznerProvisioner>());
        return services;
    }
}
