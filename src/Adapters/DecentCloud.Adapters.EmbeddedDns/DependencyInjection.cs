using DecentCloud.Adapters.EmbeddedDns;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Dns;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the embedded DNS server.</summary>
public static class DecentCloudEmbeddedDnsServiceCollectionExtensions
{
    /// <summary>Adds the server as a hosted service and makes the store the published zone.</summary>
    public static IServiceCollection AddDecentCloudEmbeddedDns(this IServiceCollection services, EmbeddedDnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new ZoneAnswerCache(TimeSpan.FromSeconds(options.AnswerCacheSeconds), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new StoreBackedDnsPublisher(sp.GetRequiredService<ZoneAnswerCache>()));
        services.AddSingleton<IDnsTxtPublisher>(sp => sp.GetRequiredService<StoreBackedDnsPublisher>());
        services.AddSingleton<IDnsAddressPublisher>(sp => sp.GetRequiredService<StoreBackedDnsPublisher>());
        services.AddSingleton(sp => new EmbeddedDnsServer(
            sp.GetRequiredService<IServiceScopeFactory>(),
            options,
            sp.GetRequiredService<ZoneAnswerCache>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EmbeddedDnsServer>>()));
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedDnsServer>());
        return services;
    }
}
