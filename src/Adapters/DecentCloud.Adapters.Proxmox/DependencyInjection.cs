using DecentCloud.Adapters.Proxmox;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DecentCloud.Adapters.Shared;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Proxmox provisioner.</summary>
public static class DecentCloudProxmoxServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddDecentCloudProxmox(this IServiceCollection services, ProxmoxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TokenId) || string.IsNullOrWhiteSpace(options.TokenSecret))
        {
            throw new ArgumentException("Proxmox needs an API token id (USER@REALM!TOKENID) and its secret.", nameof(options));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddRefitGeneratedClient<IProxmoxApi>()
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = options.BaseAddress;
                client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"PVEAPIToken={options.TokenId}={options.TokenSecret}");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                // Opt-in only: many nodes run with the self-signed certificate of their installation.
                ServerCertificateCustomValidationCallback = options.AllowInvalidCertificate ? HttpClientHandler.DangerousAcceptAnyServerCertificateValidator : null,
            })
            .AddRetryRule("proxmox", options.MaxRetries, options.RetryBaseDelay);
        services.AddSingleton<ProxmoxProvisioner>();
        services.AddSingleton<IProvisioner>(sp => sp.GetRequiredService<ProxmoxProvisioner>());
        return services;
    }
}
