using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the application layer.</summary>
public static class DecentCloudApplicationServiceCollectionExtensions
{
    /// <summary>Adds the use cases (Mediator handlers), options and shared services. Adapters add the ports.</summary>
    public static IServiceCollection AddDecentCloudApplication(
        this IServiceCollection services,
        Action<GatewayOptions>? configureGateway = null)
    {
        services.AddMediator();
        var gateway = services.AddOptions<GatewayOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configureGateway is not null)
        {
            gateway.Configure(configureGateway);
        }

        services.AddOptions<DecentCloud.Application.Contracts.ContractTimeoutOptions>();
        services.AddOptions<DecentCloud.Application.AgentProtocol.AgentProtocolOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KeyedLock>();
        services.TryAddSingleton<GatewayZoneProvider>();
        return services;
    }
}
