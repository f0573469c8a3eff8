using DecentCloud.Api.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DecentCloud API client.</summary>
public static class DecentCloudApiClientServiceCollectionExtensions
{
    /// <summary>The named HTTP client of <see cref="IPublicApi"/>.</summary>
    public const string PublicClientName = "DecentCloud.Api.Public";

    /// <summary>The named HTTP client of <see cref="IAgentApi"/>.</summary>
    public const string AgentClientName = "DecentCloud.Api.Agent";

    /// <summary>The named HTTP client of <see cref="IAccountApi"/>.</summary>
    public const string AccountClientName = "DecentCloud.Api.Account";

    /// <summary>The named HTTP client of <see cref="IAdminApi"/>.</summary>
    public const string AdminClientName = "DecentCloud.Api.Admin";

    /// <summary>
    /// Adds <see cref="IPublicApi"/>, and <see cref="IAgentApi"/> / <see cref="IAccountApi"/> / <see cref="IAdminApi"/> when their key is
    /// configured, through IHttpClientFactory with the standard resilience pipeline. Only idempotent calls
    /// (GET, PUT, DELETE) are retried, each retry signed afresh. Errors arrive as <see cref="DecentCloudApiException"/>.
    /// </summary>
    public static IServiceCollection AddDecentCloudApiClient(this IServiceCollection services, Action<DecentCloudApiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DecentCloudApiClientOptions();
        configure(options);
        var baseAddress = options.BaseAddress ?? throw new ArgumentException("the API client needs a BaseAddress", nameof(configure));
        var settings = DecentCloudApiClient.Settings(options.SerializerOptions);

        services.TryAddSingleton(TimeProvider.System);
        Add<IPublicApi>(services, PublicClientName, baseAddress, settings, options, signing: null);
        if (options.AgentSigner is { } agent)
        {
            Add<IAgentApi>(services, AgentClientName, baseAddress, settings, options, (agent, SignerRole.Agent));
        }

        if (options.DeviceSigner is { } device)
        {
            Add<IAccountApi>(services, AccountClientName, baseAddress, settings, options, (device, SignerRole.Device));
        }

        if (options.AdminSigner is { } admin)
        {
            // Admin keys sign exactly as devices do (X-Public-Key); the API tells them apart by its list of admin keys.
            Add<IAdminApi>(services, AdminClientName, baseAddress, settings, options, (admin, SignerRole.Device));
        }

        return services;
    }

    private static void Add<TApi>(
        IServiceCollection services, string name, Uri baseAddress, RefitSettings settings, DecentCloudApiClientOptions options, (IRequestSigner Key, SignerRole Role)? signing)
        where TApi : class
    {
        // The resilience handler goes first, so it wraps the signing handler and every attempt is signed anew.
        var builder = services.AddRefitGeneratedClient<TApi>(_ => settings, name)
            .ConfigureHttpClient(client => client.BaseAddress = baseAddress);
        builder.AddStandardResilienceHandler(resilience =>
        {
            resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
            resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2;
            resilience.TotalRequestTimeout.Timeout = options.AttemptTimeout * 4;
            // PUT and DELETE are idempotent in this API (a repeated report or release changes nothing); POST is not.
            resilience.Retry.DisableFor(HttpMethod.Post, HttpMethod.Patch, HttpMethod.Connect);
        });
        if (signing is { } sign)
        {
            builder.AddHttpMessageHandler(sp => new SigningHandler(sign.Key, sign.Role, sp.GetRequiredService<TimeProvider>()));
        }

        options.ConfigureHttpClient?.Invoke(builder);
    }
}
