using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Adapters.Notifications.Tests;

/// <summary>
/// An outside HTTP API (Telegram's Bot API, Twilio) played by a local WireMock server: the one fixture the HTTP
/// channels' tests share. Answers are set per test; every request that reached it can be read back.
/// </summary>
internal sealed class HttpApiStandIn : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public Uri Url => new(_server.Url!);

    /// <summary>A client as the factory would give it: no handlers of its own.</summary>
    public static HttpClient Client() => new();

    /// <summary>Answers POST <paramref name="path"/> with <paramref name="status"/>, a JSON body and optional headers.</summary>
    public void Answer(string path, int status, object body, params (string Name, string Value)[] headers) =>
        AnswerRaw(path, status, JsonSerializer.Serialize(body), "application/json", headers);

    /// <summary>Answers POST <paramref name="path"/> only after <paramref name="delay"/>, to run into a client's timeout.</summary>
    public void AnswerLate(string path, TimeSpan delay) =>
        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}").WithDelay(delay));

    /// <summary>Answers POST <paramref name="path"/> with a raw body (an HTML error page from a proxy, say).</summary>
    public void AnswerRaw(string path, int status, string body, string contentType = "text/html", params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);
    }

    /// <summary>The requests that reached the server, in order.</summary>
    public IReadOnlyList<ILogEntry> Requests => _server.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).ToList();

    /// <summary>Stops the server, so the next request finds a closed port.</summary>
    public void Stop() => _server.Stop();

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
