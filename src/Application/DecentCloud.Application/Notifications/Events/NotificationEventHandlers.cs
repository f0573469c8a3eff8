namespace DecentCloud.Application.Notifications.Events;

/// <summary>The domain-event handlers that turn events into <see cref="Notice"/>s.</summary>
internal static class NotificationEventHandlers
{
    public static void Add(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        _ = services;
    }
}
