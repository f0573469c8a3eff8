using DecentCloud.Adapters.Notifications;
using DecentCloud.Application.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the email, Telegram and SMS notification channels.</summary>
public static class DecentCloudNotificationsServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> the Telegram channel uses (no retry handler: the outbox retries).</summary>
    public const string TelegramHttpClient = "DecentCloud.Notifications.Telegram";

    /// <summary>The named <see cref="HttpClient"/> the Twilio channel uses (no retry handler: the outbox retries).</summary>
    public const string TwilioHttpClient = "DecentCloud.Notifications.Twilio";

    /// <summary>
    /// Adds one <see cref="INotificationChannel"/> per configured section: <c>Notifications:Email</c> when its Host is set,
    /// <c>Notifications:Telegram</c> when its BotToken is set, <c>Notifications:Sms</c> (Twilio) when its AccountSid is set.
    /// A section that is present is validated when the host starts, so a half-written one (a Host without From, a
    /// Password without Username, an AccountSid without AuthToken) stops the start with a message naming the key.
    /// </summary>
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        if (Bind<SmtpEmailOptions>(services, configuration, SmtpEmailOptions.Section, nameof(SmtpEmailOptions.Host)))
        {
            services.AddSingleton<INotificationChannel>(sp => new SmtpEmailChannel(
                sp.GetRequiredService<IOptions<SmtpEmailOptions>>().Value, sp.GetRequiredService<TimeProvider>(), Logger<SmtpEmailChannel>(sp)));
        }

        if (Bind<TelegramOptions>(services, configuration, TelegramOptions.Section, nameof(TelegramOptions.BotToken)))
        {
            // The token is in the request path: the factory's request logging would write it out, so it is removed.
            services.AddHttpClient(TelegramHttpClient).RemoveAllLoggers();
            services.AddTransient<INotificationChannel>(sp => new TelegramChannel(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(TelegramHttpClient),
                sp.GetRequiredService<IOptions<TelegramOptions>>().Value,
                Logger<TelegramChannel>(sp)));
        }

        if (Bind<TwilioSmsOptions>(services, configuration, TwilioSmsOptions.Section, nameof(TwilioSmsOptions.AccountSid)))
        {
            services.AddHttpClient(TwilioHttpClient);
            services.AddTransient<INotificationChannel>(sp => new TwilioSmsChannel(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioHttpClient),
                sp.GetRequiredService<IOptions<TwilioSmsOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                Logger<TwilioSmsChannel>(sp)));
        }

        return services;
    }

    /// <summary>Binds and validates a present section; <c>true</c> when its key setting is set, so its channel is wanted.</summary>
    private static bool Bind<TOptions>(IServiceCollection services, IConfiguration configuration, string section, string key)
        where TOptions : class
    {
        var settings = configuration.GetSection(section);
        if (!settings.Exists())
        {
            return false;
        }

        services.AddOptions<TOptions>().Bind(settings).ValidateDataAnnotations().ValidateOnStart();
        return !string.IsNullOrWhiteSpace(settings[key]);
    }

    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
