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
        services.AddSingleton(options);
        services.AddSingleton<StoreBackedDnsPublisher>();
        services.AddSingleton<IDnsTxtPublisher>(sp => sp.GetRequiredService<StoreBackedDnsPublisher>());
        services.AddSingleton<IDnsAddressPublisher>(sp => sp.GetRequiredService<StoreBackedDnsPublisher>());
        services.AddSingleton<EmbeddedDnsServer>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedDnsServer>());
        return services;
    }
}
