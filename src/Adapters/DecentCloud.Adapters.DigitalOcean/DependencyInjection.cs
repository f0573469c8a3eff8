using DecentCloud.Adapters.DigitalOcean;
using DecentCloud.Application.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DecentCloud.Adapters.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DigitalOcean provisioner.</summary>
public static class DecentCloudDigitalOceanServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddDecentCloudDigitalOcean(this IServiceCollection services, DigitalOceanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            throw new ArgumentException("DigitalOcean needs an API token.", nameof(options));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddBearerApi<IDigitalOceanApi>(options.BaseAddress, options.ApiToken, "digitalocean", options.MaxRetries, options.RetryBaseDelay);
        services.AddSingleton<DigitalOceanProvisioner>();
        services.AddSingleton<IProvisioner>(sp => sp.GetRequiredService<DigitalOceanProvisioner>());
        return services;
    }
}
