using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// A Docker Engine stand-in on a real unix socket, answering with the Engine API's shapes and keeping
/// container state, so the provisioner is tested over the same transport it uses in production. With
/// <c>publishedSshPort</c> a running container has no address of its own (host-only networking) and publishes
/// its port 22 on that loopback port — where an end-to-end test runs a real sshd.
/// </summary>
internal sealed class FakeDockerEngine : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _containers = new();
    private readonly int? _publishedSshPort;
    private readonly ConcurrentDictionary<string, string> _execCommands = new();
    private int _next;
    private int _nextExec;

    public FakeDockerEngine(int? publishedSshPort = null)
    {
        _publishedSshPort = publishedSshPort;
        SocketPath = Path.Combine(Path.GetTempPath(), $"dc-docker-{Guid.NewGuid():N}.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.ListenUnixSocket(SocketPath));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            Requests.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.QueryString.Value ?? "", body));
            await next();
        });
        Map();
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public string SocketPath { get; }

    public ConcurrentQueue<(string Method, string Path, string Query, string Body)> Requests { get; } = new();

    public int ExecExitCode { get; set; }

    /// <summary>When set, the exit code of an exec by its command line (words joined by spaces); otherwise <see cref="ExecExitCode"/>.</summary>
    public Func<string, int>? ExecExitCodeOf { get; set; }

    public IReadOnlyDictionary<string, JsonObject> Containers => _containers;

    private void Map()
    {
        var v = _app.MapGroup("/v1.43");
        v.MapGet("/version", () => Results.Json(new { Version = "27.3.1", ApiVersion = "1.47" }));
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
            if (_containers.Values.Any(c => c["Name"]!.GetValue<string>() == "/" + name))
            {
                return Results.Json(new { message = $"Conflict. The container name \"/{name}\" is already in use" }, statusCode: 409);
            }

            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var id = $"{Interlocked.Increment(ref _next):x4}" + new string('f', 60);
            _containers[id] = new JsonObject
            {
                ["Id"] = id,
                ["Name"] = "/" + name,
                ["State"] = new JsonObject { ["Status"] = "created", ["Running"] = false },
                ["Config"] = new JsonObject { ["Labels"] = body["Labels"]!.DeepClone(), ["Image"] = body["Image"]!.DeepClone() },
                ["HostConfig"] = body["HostConfig"]!.DeepClone(),
                ["NetworkSettings"] = new JsonObject { ["IPAddress"] = "", ["Ports"] = new JsonObject() },
            };
            return Results.Json(new { Id = id, Warnings = Array.Empty<string>() }, statusCode: 201);
        });
        v.MapPost("/containers/{id}/start", (string id) => SetRunning(id, true));
        v.MapPost("/containers/{id}/stop", (string id) => SetRunning(id, false));
        v.MapDelete("/containers/{id}", (string id) => _containers.TryRemove(id, out _) ? Results.NoContent() : NoSuch(id));
        v.MapGet("/containers/{id}/json", (string id) => _containers.TryGetValue(id, out var c) ? Results.Text(c.ToJsonString(), "application/json") : NoSuch(id));
        v.MapPost("/containers/{id}/exec", async (HttpContext context, string id) =>
        {
            if (!_containers.ContainsKey(id))
            {
                return NoSuch(id);
            }

            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            var execId = $"exec-{id[..4]}-{Interlocked.Increment(ref _nextExec)}";
            _execCommands[execId] = string.Join(' ', body["Cmd"]!.AsArray().Select(c => c!.GetValue<string>()));
            return Results.Json(new { Id = execId }, statusCode: 201);
        });
        v.MapPost("/exec/{id}/start", () => Results.Ok());
        v.MapGet("/exec/{id}/json", (string id) => Results.Json(new
        {
            ID = id,
            Running = false,
            ExitCode = ExecExitCodeOf is { } exitCodeOf && _execCommands.TryGetValue(id, out var command) ? exitCodeOf(command) : ExecExitCode,
        }));
    }

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
        c["NetworkSettings"] = (running, _publishedSshPort) switch
        {
            (false, _) => new JsonObject { ["IPAddress"] = "", ["Ports"] = new JsonObject() },
            (true, null) => new JsonObject { ["IPAddress"] = "172.17.0.2", ["Ports"] = Published("0.0.0.0", 32768) },
            (true, { } port) => new JsonObject { ["IPAddress"] = "", ["Ports"] = Published("127.0.0.1", port) },
        };
        return Results.NoContent();
    }

    private static JsonObject Published(string hostIp, int port) => new()
    {
        ["22/tcp"] = new JsonArray(new JsonObject { ["HostIp"] = hostIp, ["HostPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
    };

    private static IResult NoSuch(string id) => Results.Json(new { message = $"No such container: {id}" }, statusCode: 404);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }
}
