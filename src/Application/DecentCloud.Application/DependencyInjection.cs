using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Gateways;
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
        // Audit outside the retry, so a retried request still leaves one entry.
        services.AddMediator(options =>
        {
            options.Namespace = "DecentCloud.Application.Mediator";
            // The generated mediator is reached through IMediator/ISender only; keeping it internal keeps it out
            // of the package's public surface (and away from a consumer's own generated Mediator types).
            options.GenerateTypesAsInternal = true;
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(AuditBehavior<,>),
                typeof(ConflictRetryBehavior<,>),
            ];
        });
        var gateway = services.AddOptions<GatewayOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configureGateway is not null)
        {
            gateway.Configure(configureGateway);
        }

        services.AddOptions<DecentCloud.Application.Contracts.ContractTimeoutOptions>();
        services.AddOptions<DecentCloud.Application.AgentProtocol.AgentProtocolOptions>();
        services.AddOptions<DecentCloud.Application.Outbox.OutboxOptions>();
        services.AddOptions<DecentCloud.Application.Accounts.QuotaOptions>();
        services.AddOptions<DecentCloud.Application.Contracts.ContractRetentionOptions>();
        services.AddOptions<DecentCloud.Application.Retention.ContractArchiveOptions>().ValidateDataAnnotations();
        services.AddOptions<AuditOptions>();
        services.AddOptions<DecentCloud.Application.Wallet.TopUpOptions>();
        services.AddOptions<DecentCloud.Application.Admin.AdminOptions>();
        services.AddOptions<DecentCloud.Application.Releases.EscrowOptions>().ValidateDataAnnotations();
        services.AddOptions<DecentCloud.Application.Prices.PricesOptions>().ValidateDataAnnotations();
        services.AddOptions<DecentCloud.Application.Payouts.PayoutsOptions>().ValidateDataAnnotations();
        services.AddOptions<DecentCloud.Application.Quality.QualityOptions>().ValidateDataAnnotations();
        services.AddOptions<DecentCloud.Application.Trust.ScoreOptions>().ValidateDataAnnotations();
        services.AddOptions<DecentCloud.Application.Notifications.Events.NotificationEventOptions>().ValidateDataAnnotations();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<DecentCloud.Application.Prices.PricesOptions>,
            DecentCloud.Application.Prices.PriceSourcesValidator>());
        services.TryAddScoped<DecentCloud.Application.Releases.EscrowBooking>();
        services.TryAddScoped<DecentCloud.Application.Wallet.TopUpBooking>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KeyedLock>();
        services.TryAddSingleton<GatewayZoneProvider>();
        services.TryAddScoped<DomainEventDispatcher>();
        services.TryAddScoped<DecentCloud.Application.Contracts.ContractViewSources>();
        services.TryAddScoped<DecentCloud.Application.Trust.ProviderScoring>();
        services.AddScoped<IDomainEventHandler<GatewayCredentialsRevoked>, WithdrawChallengeOnRevoke>();
        services.AddScoped<IDomainEventHandler<DecentCloud.Domain.Contracts.ContractStateChanged>, DecentCloud.Application.Rentals.RentalSettlement>();
        services.AddScoped<IOutboxHandler, SyncChallengeTxtHandler>();
        services.AddScoped<DecentCloud.Application.Trust.ITrustSignalSource, DecentCloud.Application.Quality.SliGapSignals>();
        DecentCloud.Application.Signals.SignalServices.AddSignalSources(services);
        DecentCloud.Application.Notifications.NotificationServices.Add(services);
        DecentCloud.Application.Notifications.Events.NotificationEventHandlers.Add(services);
        services.TryAddSingleton<DecentCloud.Application.Quality.IServiceProbe, DecentCloud.Application.Quality.NoServiceProbe>();
        return services;
    }
}
