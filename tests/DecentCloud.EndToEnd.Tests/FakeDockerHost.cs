using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// A Docker Engine stand-in on a unix socket (the Engine API's shapes) whose running containers publish
/// their port 22 on a given loopback port — where the test runs a real sshd — and have no address of
/// their own, as with host-only networking. (A trimmed sibling of Adapters.Docker.Tests' fake engine.)
/// </summary>
internal sealed class FakeDockerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _containers = new();
    private readonly int _sshPort;
    private int _next;

    public FakeDockerHost(int sshPort)
    {
        _sshPort = sshPort;
        SocketPath = Path.Combine(Path.GetTempPath(), $"dc-e2e-docker-{Guid.NewGuid():N}.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.ListenUnixSocket(SocketPath));
        _app = builder.Build();
        var v = _app.MapGroup("/v1.43");
        v.MapGet("/containers/json", (string? filters) =>
        {
            var label = filters is null ? null : JsonNode.Parse(filters)!["label"]![0]!.GetValue<string>();
            var (key, value) = label is null ? (null, null) : (label.Split('=')[0], label.Split('=', 2)[1]);
            return Results.Json(_containers.Values
                .Where(c => key is null || c["Config"]!["Labels"]![key]?.GetValue<string>() == value)
                .Select(c => new { Id = c["Id"]!.GetValue<string>(), State = c["State"]!["Status"]!.GetValue<string>(), Labels = c["Config"]!["Labels"] }));
        });
        v.MapPost("/containers/create", async (HttpContext context, string name) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var id = $"{Interlocked.Increment(ref _next):x4}" + new string('e', 60);
            _containers[id] = new JsonObject
            {
                ["Id"] = id,
                ["Name"] = "/" + name,
                ["State"] = new JsonObject { ["Status"] = "created", ["Running"] = false },
                ["Config"] = new JsonObject { ["Labels"] = body["Labels"]!.DeepClone() },
                ["NetworkSettings"] = new JsonObject { ["IPAddress"] = "", ["Ports"] = new JsonObject() },
            };
            return Results.Json(new { Id = id, Warnings = Array.Empty<string>() }, statusCode: 201);
        });
        v.MapPost("/containers/{id}/start", (string id) => SetRunning(id, true));
        v.MapPost("/containers/{id}/stop", (string id) => SetRunning(id, false));
        v.MapDelete("/containers/{id}", (string id) => _containers.TryRemove(id, out _) ? Results.NoContent() : NoSuch(id));
        v.MapGet("/containers/{id}/json", (string id) => _containers.TryGetValue(id, out var c) ? Results.Text(c.ToJsonString(), "application/json") : NoSuch(id));
        v.MapPost("/containers/{id}/exec", (string id) => _containers.ContainsKey(id) ? Results.Json(new { Id = "exec-" + id[..4] }, statusCode: 201) : NoSuch(id));
        v.MapPost("/exec/{id}/start", () => Results.Ok());
        v.MapGet("/exec/{id}/json", (string id) => Results.Json(new { ID = id, Running = false, ExitCode = 0 }));
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public string SocketPath { get; }

    private IResult SetRunning(string id, bool running)
    {
        if (!_containers.TryGetValue(id, out var c))
        {
            return NoSuch(id);
        }

        if (c["State"]!["Running"]!.GetValue<bool>() == running)
        {
            return Results.StatusCode(304);
        }

        c["State"] = new JsonObject { ["Status"] = running ? "running" : "exited", ["Running"] = running };
        c["NetworkSettings"] = new JsonObject
        {
            ["IPAddress"] = "",
            ["Ports"] = running ? new JsonObject { ["22/tcp"] = new JsonArray(new JsonObject { ["HostIp"] = "127.0.0.1", ["HostPort"] = _sshPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }) } : new JsonObject(),
        };
        return Results.NoContent();
    }

    private static IResult NoSuch(string id) => Results.Json(new { message = $"No such container: {id}" }, statusCode: 404);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }
}
