using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Tests.Shared;

/// <summary>The timing every cloud backend's tests use.</summary>
internal static class CloudTestTiming
{
    /// <summary>Polls and retries fast, with a short operation timeout, so the tests of a cloud backend stay quick.</summary>
    public static T Fast<T>(T options)
        where T : DecentCloud.Application.ProviderAgent.Provisioning.CloudProvisionerOptions
    {
        options.PollInterval = TimeSpan.FromMilliseconds(10);
        options.OperationTimeout = TimeSpan.FromMilliseconds(500);
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        options.MaxRetries = 3;
        return options;
    }
}

/// <summary>
/// A cloud API stand-in on a local WireMock server plus the provisioner built against it: the one fixture every
/// HTTP backend's tests use, instead of a copy per adapter.
/// </summary>
internal sealed class WireMockBackend<TProvisioner> : IDisposable
    where TProvisioner : class
{
    private readonly ServiceProvider _services;

    /// <summary>Starts the server and registers the provisioner with <paramref name="register"/> (given the server's URL).</summary>
    public WireMockBackend(Action<IServiceCollection, string> register)
    {
        Server = WireMockServer.Start();
        var services = new ServiceCollection();
        services.AddLogging();
        register(services, Server.Url!);
        _services = services.BuildServiceProvider();
        Provisioner = _services.GetRequiredService<TProvisioner>();
    }

    public WireMockServer Server { get; }

    public string Url => Server.Url!;

    public TProvisioner Provisioner { get; }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with a JSON body (optionally as a step of a scenario).</summary>
    public void Json(string method, string path, int status, object? body, string? scenario = null, string? from = null, string? to = null)
    {
        var given = Server.Given(Request.Create().WithPath(path).UsingMethod(method));
        if (scenario is not null)
        {
            given = from is null ? given.InScenario(scenario) : given.InScenario(scenario).WhenStateIs(from);
            if (to is not null)
            {
                given = given.WillSetStateTo(to);
            }
        }

        given.RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBodyAsJson(body!));
    }

    /// <summary>
    /// A listing answered page by page: each page is matched by its query parameter value (a <c>null</c> value is the
    /// first request, which carries none).
    /// </summary>
    public void Pages(string path, string parameter, params (string? Value, object Body)[] pages)
    {
        foreach (var (value, body) in pages)
        {
            var request = Request.Create().WithPath(path).UsingGet();
            Server.Given(value is null ? request : request.WithParam(parameter, value))
                .AtPriority(value is null ? 2 : 1)
                .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(body));
        }
    }

    /// <summary>Answers with a raw body.</summary>
    public void Raw(string method, string path, int status, string body = "") =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>The requests that reached <paramref name="method"/> <paramref name="path"/>.</summary>
    public List<ILogEntry> Sent(string method, string path) =>
        Server.LogEntries.Where(e => e.RequestMessage!.Method == method && e.RequestMessage.Path == path).ToList();

    /// <summary>The requests whose method matches and whose path matches <paramref name="pathMatches"/>.</summary>
    public int Count(string method, Func<string, bool> pathMatches) =>
        Server.LogEntries.Count(e => e.RequestMessage!.Method == method && pathMatches(e.RequestMessage.Path));

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
