using DecentCloud.Adapters.Vultr;
using DecentCloud.Application.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DecentCloud.Adapters.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Vultr provisioner.</summary>
public static class DecentCloudVultrServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddDecentCloudVultr(this IServiceCollection services, VultrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            throw new ArgumentException("Vultr needs an API token.", nameof(options));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddBearerApi<IVultrApi>(options.BaseAddress, options.ApiToken, "vultr", options.MaxRetries, options.RetryBaseDelay);
        services.AddSingleton<VultrProvisioner>();
        services.AddSingleton<IProvisioner>(sp => sp.GetRequiredService<VultrProvisioner>());
        return services;
    }
}
