using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DecentCloud.Api.Client;
using DecentCloud.Application.Agents;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Tests;

/// <summary>The API in-process on a temporary SQLite file, its DNS server on a free loopback port.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dc-api-").FullName;
    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    public ApiFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["API_PUBLIC_URL"] = "https://api.decent-cloud.test",
            ["CF_DOMAIN"] = "decent-cloud.org",
            ["CF_GW_PREFIX"] = "gw",
            ["DC_SQLITE_PATH"] = Path.Combine(_folder, "api.db"),
            ["DC_DNS_LISTEN"] = "127.0.0.1:0",
            ["DC_AUTH_FAILURE_LIMIT"] = "1000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    public async Task<T> SendQueryAsync<T>(IQuery<T> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    /// <summary>A new agent key joined to <paramref name="pool"/> through the real setup route.</summary>
    public async Task<TestKey> JoinAsync(HttpClient client, string pool, string? provider = null, IReadOnlyList<string>? permissions = null)
    {
        var token = (await SendAsync(new CreateSetupToken(pool, provider, permissions, null))).Value.Token;
        var signer = TestKey.Random();
        var api = DecentCloudApiClient.For<IPublicApi>(client);
        await api.SetupAgentAsync(await AgentSetupRequest.CreateAsync(signer, token, DateTimeOffset.UtcNow, CancellationToken.None));
        return signer;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    /// <summary>A signed request built by hand (for tests that need to control the nonce, time or body), signed by the client package.</summary>
    public static HttpRequestMessage Signed(
        TestKey signer, HttpMethod method, string path, string? body = null, Guid? nonce = null, DateTimeOffset? at = null, SignerRole role = SignerRole.Agent)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        // The host is signed: send the one signed, whichever address the client connects to (a real Kestrel on 127.0.0.1:port).
        var request = new HttpRequestMessage(method, path) { Headers = { Host = "localhost" } };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        // The test key signs synchronously, so the ValueTask is already complete.
        var headers = RequestSignature.CreateHeadersAsync(signer, role, method.Method, new Uri(new Uri("http://localhost"), path), bytes, at ?? DateTimeOffset.UtcNow, nonce ?? Guid.NewGuid(), CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    /// <summary>The client package wired to this in-process API, its replies read with <paramref name="json"/>.</summary>
    public ServiceProvider ClientServices(TestKey? agent = null, TestKey? device = null, JsonSerializerOptions? json = null, TestKey? admin = null)
    {
        var services = new ServiceCollection();
        services.AddDecentCloudApiClient(o =>
        {
            o.BaseAddress = Server.BaseAddress;
            o.AgentSigner = agent;
            o.DeviceSigner = device;
            o.AdminSigner = admin;
            o.SerializerOptions = json ?? DecentCloudApiJson.Strict;
            o.ConfigureHttpClient = b => b.ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
        });
        return services.BuildServiceProvider();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
            // A file may still be held briefly by a finishing background sweep; the OS temp cleaner gets it.
        }
    }
}
