using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Client;

/// <summary>Where the API is and which keys sign for whom.</summary>
public sealed class DecentCloudApiClientOptions
{
    /// <summary>The API's base URL (e.g. <c>https://api.decent-cloud.org/</c>); a path prefix is kept and signed.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The agent key; when set, <see cref="IAgentApi"/> is registered and signs with it.</summary>
    public IRequestSigner? AgentSigner { get; set; }

    /// <summary>The device key; when set, <see cref="IAccountApi"/> is registered and signs with it.</summary>
    public IRequestSigner? DeviceSigner { get; set; }

    /// <summary>An admin key (one of the API's <c>DC_ADMIN_PUBLIC_KEYS</c>); when set, <see cref="IAdminApi"/> is registered and signs with it.</summary>
    public IRequestSigner? AdminSigner { get; set; }

    /// <summary>The JSON settings (default <see cref="DecentCloudApiJson.Tolerant"/>).</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = DecentCloudApiJson.Tolerant;

    /// <summary>
    /// Further configuration of each of the HTTP clients, applied last (a proxy, a primary handler,
    /// logging); e.g. tests route the clients to an in-process server here.
    /// </summary>
    public Action<IHttpClientBuilder>? ConfigureHttpClient { get; set; }

    /// <summary>How long one attempt may take (default 30 s); the standard resilience pipeline bounds the total.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
