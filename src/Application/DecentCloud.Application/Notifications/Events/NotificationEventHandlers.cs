using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Payouts;
using DecentCloud.Domain.Quality;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>The domain-event handlers that turn events into <see cref="Notice"/>s.</summary>
internal static class NotificationEventHandlers
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<IDomainEventHandler<ContractRequested>, NotifyRentalRequested>();
        services.AddScoped<IDomainEventHandler<SlaBreached>, NotifySlaBreached>();
        services.AddScoped<IDomainEventHandler<ContractStateChanged>, NotifyContractProvisioned>();
        services.AddScoped<IDomainEventHandler<PasswordResetDone>, NotifyPasswordResetDone>();
        services.AddScoped<IDomainEventHandler<ContractEndingSoon>, NotifyContractEndingSoon>();
        services.AddScoped<IDomainEventHandler<PayoutSent>, NotifyPayoutSent>();
        services.TryAddScoped<WalletLowWarning>();
    }
}
