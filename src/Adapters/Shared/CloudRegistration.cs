using DecentCloud.Application.ProviderAgent.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DecentCloud.Adapters.Shared;

/// <summary>The registration every Bearer-token cloud provisioner shares (compiled into each adapter).</summary>
internal static class CloudRegistration
{
    /// <summary>Checks the token, registers the options, the Refit client with the retry rule, and the provisioner as the <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddCloudProvisioner<TApi, TProvisioner>(this IServiceCollection services, CloudProvisionerOptions options, Uri baseAddress, string backend, string clientName)
        where TApi : class
        where TProvisioner : class, IProvisioner
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            throw new ArgumentException($"{backend} needs an API token.", nameof(options));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options.GetType(), options);
        services.AddBearerApi<TApi>(baseAddress, options.ApiToken, clientName, options.MaxRetries, options.RetryBaseDelay);
        services.AddSingleton<TProvisioner>();
        services.AddSingleton<IProvisioner>(sp => sp.GetRequiredService<TProvisioner>());
        return services;
    }
}
