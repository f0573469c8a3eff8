using DecentCloud.Api.Client;
using Refit;

namespace DecentCloud.Agent.Common;

/// <summary>
/// The agent's clients of the API from the DecentCloud.Api.Client package: <see cref="IPublicApi"/> unsigned and
/// <see cref="IAgentApi"/> signed with the agent key. Built on plain HttpClients rather than AddDecentCloudApiClient on
/// purpose: the agent never retried at the HTTP level (its loops try again at the next poll, and a lease renewal or a
/// report whose reply was lost must not be resent behind the loop's back), and each attempt keeps the 30 s timeout.
/// Transport errors arrive unwrapped, as before: an unreachable API as <see cref="HttpRequestException"/>, a timeout as
/// <see cref="TaskCanceledException"/>, which the loops tell apart.
/// </summary>
internal sealed class AgentApi : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _publicHttp;
    private readonly HttpClient? _agentHttp;
    private readonly IAgentApi? _agent;

    /// <summary>
    /// Clients of <paramref name="apiUrl"/>; <see cref="Agent"/> only when a <paramref name="signer"/> is given. Throws
    /// <see cref="InvalidDataException"/> for a URL <see cref="SafeUrl"/> refuses (plain http to a non-loopback host).
    /// </summary>
    public AgentApi(string apiUrl, IRequestSigner? signer, TimeProvider time)
    {
        // Signed requests and the setup token must never cross a network in the clear.
        SafeUrl.Require(apiUrl, "API URL");
        // A trailing slash keeps a path prefix of the URL (the client signs and sends it).
        BaseAddress = new Uri(apiUrl.EndsWith('/') ? apiUrl : apiUrl + "/");
        _publicHttp = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout };
        Public = RestService.For<IPublicApi>(_publicHttp, Settings);
        if (signer is not null)
        {
            _agentHttp = new HttpClient(new SigningHandler(signer, SignerRole.Agent, time) { InnerHandler = new HttpClientHandler() })
            {
                BaseAddress = BaseAddress,
                Timeout = Timeout,
            };
            _agent = RestService.For<IAgentApi>(_agentHttp, Settings);
        }
    }

    // The package's settings (JSON, DecentCloudApiException), but Refit's ApiRequestException wrapper left off.
    private static RefitSettings Settings
    {
        get
        {
            var settings = DecentCloudApiClient.Settings();
            settings.TransportExceptionFactory = (_, transport, _) => transport;
            return settings;
        }
    }

    /// <summary>The API's base URL, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The routes that need no signature.</summary>
    public IPublicApi Public { get; }

    /// <summary>The routes signed with the agent key.</summary>
    public IAgentApi Agent => _agent ?? throw new InvalidOperationException("these API clients were built without the agent key");

    /// <summary>Whether <paramref name="exception"/> is a failed call: the API refused, could not be reached, or answered garbage.</summary>
    public static bool IsFailure(Exception exception) => exception is DecentCloudApiException or HttpRequestException or ApiException;

    /// <summary>The one line the agent prints or logs for a failed call (never a request body or header).</summary>
    public string Describe(Exception exception) => exception switch
    {
        DecentCloudApiException { Method.Length: > 0 } refused =>
            $"{refused.Method} {new Uri(BaseAddress, refused.Path)} failed with HTTP {(int)refused.Status}{(refused.Detail ?? refused.Code) switch { null => "", var why => ": " + why }}",
        HttpRequestException unreachable => $"cannot reach the API at {BaseAddress}: {unreachable.Message}",
        _ => exception.Message,
    };

    /// <summary>The HTTP status of a refusal, when the API answered.</summary>
    public static int? StatusOf(Exception exception) => exception is DecentCloudApiException { Status: not 0 } refused ? (int)refused.Status : null;

    public void Dispose()
    {
        _publicHttp.Dispose();
        _agentHttp?.Dispose();
    }
}
