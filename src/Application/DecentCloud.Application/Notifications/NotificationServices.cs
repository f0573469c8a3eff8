using DecentCloud.Application.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Notifications;

/// <summary>Registers the notifier, the delivery and their options; adapters add the channels and stores.</summary>
internal static class NotificationServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().ValidateDataAnnotations();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddScoped<Notifier>();
        services.TryAddScoped<INotifier>(s => s.GetRequiredService<Notifier>());
        services.TryAddScoped<AddressVerificationSender>();
        services.AddScoped<IOutboxHandler, DeliverNotificationOutboxHandler>();
    }
}
