using System.Net;
using System.Net.Http.Headers;
using DecentCloud.Adapters.Cloudflare;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Dns;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Refit;

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
        services.AddRefitGeneratedClient<ICloudflareApi>()
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = options.BaseAddress;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiToken);
            })
            .AddResilienceHandler("cloudflare", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsRetryable(args.Outcome)),
            }));
        services.AddSingleton<CloudflareDnsPublisher>();
        services.AddSingleton<IDnsTxtPublisher>(sp => sp.GetRequiredService<CloudflareDnsPublisher>());
        services.AddSingleton<IDnsAddressPublisher>(sp => sp.GetRequiredService<CloudflareDnsPublisher>());
        services.AddSingleton<IDnsZoneMaintenance>(sp => sp.GetRequiredService<CloudflareDnsPublisher>());
        return services;
    }

    // 429 and 5xx may pass; any other 4xx is our mistake and will not get better by repeating it.
    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };
}
