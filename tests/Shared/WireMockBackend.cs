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

    /// <summary>
    /// A machine that outlives its delete: <paramref name="getPath"/> answers <paramref name="machine"/> and
    /// <paramref name="listPath"/> <paramref name="listed"/> until two reads of the machine after the delete was
    /// accepted; from then on the machine answers 404 with <paramref name="notFound"/> and the listing is <paramref name="emptyList"/>.
    /// </summary>
    public void SlowDelete(string deletePath, int deleteStatus, object? deleteBody, string getPath, object machine, object notFound, string listPath, object listed, object emptyList)
    {
        // A scenario step without a next state would clear the state, so "gone" keeps itself.
        const string scenario = "slow-delete";
        Server.Given(Request.Create().WithPath(deletePath).UsingDelete()).InScenario(scenario).WillSetStateTo("deleting")
            .RespondWith(deleteBody is null ? Response.Create().WithStatusCode(deleteStatus) : Response.Create().WithStatusCode(deleteStatus).WithBodyAsJson(deleteBody));
        Server.Given(Request.Create().WithPath(getPath).UsingGet()).AtPriority(10).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(machine));
        Server.Given(Request.Create().WithPath(listPath).UsingGet()).AtPriority(10).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(listed));
        Server.Given(Request.Create().WithPath(getPath).UsingGet()).AtPriority(1).InScenario(scenario).WhenStateIs("deleting").WillSetStateTo("still-there")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(machine));
        Server.Given(Request.Create().WithPath(getPath).UsingGet()).AtPriority(1).InScenario(scenario).WhenStateIs("still-there").WillSetStateTo("gone")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(machine));
        Server.Given(Request.Create().WithPath(getPath).UsingGet()).AtPriority(1).InScenario(scenario).WhenStateIs("gone").WillSetStateTo("gone")
            .RespondWith(Response.Create().WithStatusCode(404).WithBodyAsJson(notFound));
        Server.Given(Request.Create().WithPath(listPath).UsingGet()).AtPriority(1).InScenario(scenario).WhenStateIs("gone").WillSetStateTo("gone")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(emptyList));
    }

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
