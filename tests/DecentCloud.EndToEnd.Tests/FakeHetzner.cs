using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// A stateful stand-in for the Hetzner Cloud API v1 on loopback, answering with the documented shapes
/// (<c>{"server": …}</c>, <c>{"action": …}</c>, <c>meta.pagination</c>, label selectors). It records every
/// request, and a test can hold any step (<see cref="Hold"/>) to kill the agent right there.
/// </summary>
internal sealed class FakeHetzner : IAsyncDisposable
{
    public const string Token = "hetzner-test-token";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, Server> _servers = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _reached = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<Server> _created = new();
    private long _nextId = 1000;

    private FakeHetzner(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyCollection<Server> Servers => _servers.Values.ToList();

    public IReadOnlyList<string> Requests => _requests.ToList();

    /// <summary>The IPv4 address servers created from now on report (a loopback address a test can listen on as "the VM").</summary>
    public string NextServerAddress { get; set; } = "127.0.0.1";

    /// <summary>How many servers were ever created for a contract (deleted ones included).</summary>
    public int CreatedFor(string contractHex) => _created.Count(s => s.ContractHex == contractHex);

    public static async Task<FakeHetzner> StartAsync()
    {
        var port = Programs.FreeTcpPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var fake = new FakeHetzner(builder.Build()) { BaseUrl = $"http://127.0.0.1:{port}/v1/" };
        fake.Map();
        await fake._app.StartAsync();
        return fake;
    }

    /// <summary>Makes the step named <paramref name="step"/> (ssh_keys, create, running) wait until <see cref="Release"/>.</summary>
    public void Hold(string step)
    {
        _reached[step] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds[step] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release(string step)
    {
        if (_holds.TryRemove(step, out var hold))
        {
            hold.TrySetResult();
        }
    }

    /// <summary>Completes when a request reached the step since it was last held.</summary>
    public Task Reached(string step) => _reached.GetOrAdd(step, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>A server some earlier run left behind.</summary>
    public Server AddServer(Dictionary<string, string> labels, string status = "running")
    {
        var server = new Server(Interlocked.Increment(ref _nextId), "leftover", labels, "unused") { Status = status };
        _servers[server.Id] = server;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hold in _holds.Values)
        {
            hold.TrySetResult();
        }

        await _app.DisposeAsync();
    }

    private async Task StepAsync(string step)
    {
        _reached.GetOrAdd(step, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (_holds.TryGetValue(step, out var hold))
        {
            await hold.Task;
        }
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { error = new { code = "unauthorized", message = "unable to authenticate" } });
                return;
            }

            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            await next(context);
        });
        var v1 = _app.MapGroup("/v1");
        v1.MapGet("/ssh_keys", async (string? fingerprint) =>
        {
            await StepAsync("ssh_keys");
            return Results.Json(new { ssh_keys = Array.Empty<object>() });
        });
        v1.MapPost("/ssh_keys", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            return Results.Json(new { ssh_key = new { id = Interlocked.Increment(ref _nextId), name = (string?)body?["name"], fingerprint = "00" } }, statusCode: 201);
        });
        v1.MapPost("/servers", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var labels = body["labels"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
            var server = new Server(Interlocked.Increment(ref _nextId), (string)body["name"]!, labels, (string)body["user_data"]!) { Address = NextServerAddress };
            _servers[server.Id] = server;
            _created.Enqueue(server);
            await StepAsync("create");
            return Results.Json(new { server = Json(server), action = Action("create_server"), next_actions = Array.Empty<object>() }, statusCode: 201);
        });
        v1.MapGet("/servers", (string? label_selector, int? page) =>
        {
            var matches = _servers.Values.Where(s => Matches(s, label_selector)).OrderBy(s => s.Id).Select(Json).ToList();
            return Results.Json(new { servers = matches, meta = new { pagination = new { page = 1, per_page = 50, previous_page = (int?)null, next_page = (int?)null, last_page = 1, total_entries = matches.Count } } });
        });
        v1.MapGet("/servers/{id:long}", async (long id) =>
        {
            if (!_servers.TryGetValue(id, out var server))
            {
                return NotFound();
            }

            await StepAsync("running");
            return Results.Json(new { server = Json(server) });
        });
        v1.MapDelete("/servers/{id:long}", (long id) =>
            _servers.TryRemove(id, out _) ? Results.Json(new { action = Action("delete_server") }) : NotFound());
        v1.MapPost("/servers/{id:long}/actions/{verb}", (long id, string verb) =>
        {
            if (!_servers.TryGetValue(id, out var server))
            {
                return NotFound();
            }

            server.Status = verb == "poweron" ? "running" : "off";
            return Results.Json(new { action = Action(verb == "poweron" ? "start_server" : "shutdown_server") }, statusCode: 201);
        });
        v1.MapGet("/actions/{id:long}", (long id) => Results.Json(new { action = new { id, command = "create_server", status = "success", progress = 100, error = (object?)null } }));
    }

    private object Action(string command) => new { id = Interlocked.Increment(ref _nextId), command, status = "success", progress = 100, error = (object?)null };

    private static IResult NotFound() => Results.Json(new { error = new { code = "not_found", message = "server not found" } }, statusCode: 404);

    private static object Json(Server s) => new
    {
        id = s.Id,
        name = s.Name,
        status = s.Status,
        public_net = new { ipv4 = new { ip = s.Address }, ipv6 = (object?)null },
        labels = s.Labels,
    };

    private static bool Matches(Server server, string? selector) =>
        string.IsNullOrEmpty(selector) || selector.Split(',').All(term =>
        {
            var parts = term.Split("==");
            return server.Labels.TryGetValue(parts[0], out var value) && value == parts[1];
        });

    internal sealed class Server(long id, string name, Dictionary<string, string> labels, string userData)
    {
        public long Id { get; } = id;

        public string Name { get; } = name;

        public Dictionary<string, string> Labels { get; } = labels;

        public string UserData { get; } = userData;

        public string Status { get; set; } = "running";

        public string Address { get; init; } = "127.0.0.1";

        public string? ContractHex => Labels.TryGetValue("decent-cloud-contract-1", out var a)
            ? a + (Labels.TryGetValue("decent-cloud-contract-2", out var b) ? b : string.Empty) + (Labels.TryGetValue("decent-cloud-contract-3", out var c) ? c : string.Empty)
            : null;
    }
}
