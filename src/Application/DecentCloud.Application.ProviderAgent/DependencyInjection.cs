using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Application.ProviderAgent.Health;
using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Application.ProviderAgent.Reconciling;
using DecentCloud.Application.ProviderAgent.Running;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the provider agent's use cases and loops.</summary>
public static class DecentCloudProviderAgentServiceCollectionExtensions
{
    /// <summary>
    /// Adds the use cases and the recurring loops as hosted services. The host supplies the ports:
    /// <c>IProviderApi</c>, <see cref="IProvisioner"/>, <see cref="IEnvelopeStore"/>, <see cref="ICredentialSealer"/>,
    /// <see cref="IPasswordResetter"/>, <see cref="IHostKeyReader"/> and <see cref="IReachability"/>; with a gateway
    /// (<see cref="ProviderAgentOptions.Gateway"/>) also <see cref="IGatewayNames"/>, <see cref="IGatewaySites"/> and
    /// (when SSH is forwarded) <see cref="IPortForwarder"/>.
    /// </summary>
    public static IServiceCollection AddDecentCloudProviderAgent(this IServiceCollection services, ProviderAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrent, 1);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<AgentState>();
        services.AddSingleton<EnvelopeJournal>();
        services.AddSingleton<ContractProvisioner>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<PasswordResetJournal>();
        services.AddSingleton<HostKeyJournal>();
        services.AddSingleton<PasswordResetWorker>();
        if (options.Gateway is { } gateway)
        {
            gateway.Validate();
            services.AddSingleton(gateway);
            services.AddSingleton<GatewayJournal>();
            services.AddSingleton<VmGateway>();
            if (!gateway.ForwardSsh)
            {
                // Never called without ForwardSsh; registered so the gateway's constructor is satisfied without a packet filter.
                services.TryAddSingleton<IPortForwarder, NoPortForwarding>();
            }
        }

        services.AddHostedService<ProvisioningLoop>();
        services.AddHostedService<HeartbeatLoop>();
        services.AddHostedService<ReconcileLoop>();
        services.AddHostedService<HealthLoop>();
        services.AddHostedService<PasswordResetLoop>();
        return services;
    }
}
