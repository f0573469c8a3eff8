using System.Text.Json;
using Refit;

namespace DecentCloud.Api.Client;

/// <summary>The client without dependency injection (a wallet, a script): Refit over an <see cref="HttpClient"/> you build.</summary>
public static class DecentCloudApiClient
{
    /// <summary>
    /// Refit settings of the API: its JSON (default <see cref="DecentCloudApiJson.Tolerant"/>) and errors as
    /// <see cref="DecentCloudApiException"/>.
    /// </summary>
    public static RefitSettings Settings(JsonSerializerOptions? serializerOptions = null) => new()
    {
        ContentSerializer = new SystemTextJsonContentSerializer(serializerOptions ?? DecentCloudApiJson.Tolerant),
        ExceptionFactory = ApiErrors.FromResponseAsync,
    };

    /// <summary>
    /// <typeparamref name="TApi"/> over <paramref name="http"/>. For <see cref="IAgentApi"/> and <see cref="IAccountApi"/>
    /// the client's handler chain must contain a <see cref="SigningHandler"/>, and its BaseAddress must be set.
    /// </summary>
    public static TApi For<TApi>(HttpClient http, JsonSerializerOptions? serializerOptions = null)
        where TApi : class =>
        RestService.For<TApi>(http, Settings(serializerOptions));
}
