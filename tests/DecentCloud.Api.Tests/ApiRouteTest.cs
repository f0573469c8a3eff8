using System.Net;
using System.Text.Json;

namespace DecentCloud.Api.Tests;

/// <summary>A route test class with an API of its own (in-process server over a fresh database) and a client of it.</summary>
public abstract class ApiRouteTest : IAsyncLifetime
{
    /// <summary>The API under test.</summary>
    protected ApiFactory Factory { get; private set; } = null!;

    /// <summary>A client of <see cref="Factory"/>.</summary>
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Settings of the API under test beyond <see cref="ApiFactory"/>'s own (none by default).</summary>
    protected virtual Dictionary<string, string?>? Settings => null;

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        Factory = new ApiFactory(Settings);
        Client = Factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A request signed with the agent key <paramref name="agent"/>; the status and the JSON reply.</summary>
    protected Task<(HttpStatusCode Status, JsonElement Body)> AgentAsync(TestKey agent, HttpMethod method, string path, string? body = null) =>
        Protocol.SendAsync(Client, ApiFactory.Signed(agent, method, path, body));
}
