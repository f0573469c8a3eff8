using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DecentCloud.Adapters.Hetzner;
using DecentCloud.Application.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Hetzner Cloud provisioner.</summary>
public static class DecentCloudHetznerServiceCollectionExtensions
{
    /// <summary>Adds the provisioner as an <see cref="IProvisioner"/>.</summary>
    public static IServiceCollection AddDecentCloudHetzner(this IServiceCollection services, HetznerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            throw new ArgumentException("Hetzner needs an API token.", nameof(options));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddRefitGeneratedClient<IHetznerApi>()
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = options.BaseAddress;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiToken);
            })
            .AddResilienceHandler("hetzner", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsRetryable(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RateLimitWait(args.Outcome.Result)),
            }));
        services.AddSingleton<HetznerProvisioner>();
        services.AddSingleton<IProvisioner>(sp => sp.GetRequiredService<HetznerProvisioner>());
        return services;
    }

    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    // Hetzner answers 429 with RateLimit-Reset (unix seconds when the bucket refills); Retry-After wins when present.
    private static TimeSpan? RateLimitWait(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (response.Headers.TryGetValues("RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
