using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace DecentCloud.Adapters.Shared;

/// <summary>
/// The retry rule every outside HTTP API gets (compiled into each adapter, which share no assembly):
/// 429 and 5xx and network failures are retried with exponential backoff and jitter; a 429 waits for
/// <c>Retry-After</c> or, failing that, <c>RateLimit-Reset</c> (unix seconds); other 4xx are never retried.
/// </summary>
internal static class HttpRetry
{
    /// <summary>A Refit client for a Bearer-token JSON API with the retry rule.</summary>
    public static IHttpClientBuilder AddBearerApi<TApi>(this IServiceCollection services, Uri baseAddress, string token, string name, int maxRetries, TimeSpan baseDelay)
        where TApi : class =>
        Refit.HttpClientFactoryExtensions.AddRefitGeneratedClient<TApi>(services)
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = baseAddress;
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            })
            .AddRetryRule(name, maxRetries, baseDelay);

    public static IHttpClientBuilder AddRetryRule(this IHttpClientBuilder builder, string name, int maxRetries, TimeSpan baseDelay)
    {
        builder.AddResilienceHandler(name, pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, maxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = baseDelay,
            ShouldHandle = args => ValueTask.FromResult(maxRetries > 0 && IsRetryable(args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult(RateLimitWait(args.Outcome.Result)),
        }));
        return builder;
    }

    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

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

        if (response.Headers.RetryAfter?.Date is { } date)
        {
            var untilDate = date - DateTimeOffset.UtcNow;
            return untilDate > TimeSpan.Zero ? untilDate : TimeSpan.Zero;
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
