using DecentCloud.Adapters.Cloudflare;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Dns;
using DecentCloud.Adapters.Shared;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Cloudflare adapter.</summary>
public static class DecentCloudCloudflareServiceCollectionExtensions
{
    /// <summary>Adds the Cloudflare publisher for TXT and A records and the zone maintenance port.</summary>
    public static IServiceCollection AddDecentCloudCloudflareDns(this IServiceCollection services, CloudflareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiToken) || string.IsNullOrWhiteSpace(options.ZoneId))
        {
            throw new ArgumentException("Cloudflare needs both an API token (CF_API_TOKEN) and a zone id (CF_ZONE_ID).", nameof(options));
        }

        services.AddSingleton(options);
        services.AddBearerApi<ICloudflareApi>(options.BaseAddress, options.ApiToken, "cloudflare", options.MaxRetries, options.RetryBaseDelay);
        services.AddSingleton<CloudflareDnsPublisher>();
        services.AddSingleton<IDnsTxtPublisher>(sp => sp.GetRequiredService<CloudflareDnsPublisher>());
        services.AddSingleton<IDnsAddressPublisher>(sp => sp.GetRequiredService<CloudflareDnsPublisher>());
        services.AddSingleton<IDnsZoneMaintenance>(sp => sp.GetRequiredService<CloudflareDnsPublisher>());
        return services;
    }
}
