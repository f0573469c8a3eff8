using System.Net;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Dns;
using DecentCloud.Domain.Agents;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Application.Tests;

/// <summary>The application with real SQLite stores in a temporary file, a fake clock and a recording DNS publisher.</summary>
public sealed class AppHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _folder;

    private AppHarness(ServiceProvider services, string folder, FakeTimeProvider time, RecordingPublisher publisher)
    {
        _services = services;
        _folder = folder;
        Time = time;
        Publisher = publisher;
    }

    public FakeTimeProvider Time { get; }

    public RecordingPublisher Publisher { get; }

    public static async Task<AppHarness> CreateAsync(Action<GatewayOptions>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var folder = Directory.CreateTempSubdirectory("dc-app-").FullName;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var publisher = new RecordingPublisher();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.org";
            o.GatewayPrefix = "gw";
            o.PublicUrl = "https://api.decent-cloud.org/";
            configure?.Invoke(o);
        });
        services.AddDecentCloudPersistence(new PersistenceOptions { SqlitePath = Path.Combine(folder, "test.db") });
        services.AddDecentCloudCrypto();
        services.AddSingleton<IDnsTxtPublisher>(publisher);
        services.AddSingleton<IDnsAddressPublisher>(publisher);
        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.InitializeDecentCloudDatabaseAsync();
        return new AppHarness(provider, folder, time, publisher);
    }

    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
    }

    public async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, TestContext.Current.CancellationToken);
    }

    /// <summary>A fresh request scope, for reading and writing through the stores directly.</summary>
    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(1000, CancellationToken.None);
    }

    /// <summary>An agent principal of <paramref name="provider"/>, as the signed-request check would produce.</summary>
    public static AgentPrincipal Agent(string provider, AgentPermissions permissions = AgentPermissions.All) =>
        new(AgentPublicKey.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value,
            ProviderId.Create(provider).Value, Guid.NewGuid(), permissions);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Records what would have been published; can be told to fail like a DNS provider outage.</summary>
public sealed class RecordingPublisher : IDnsTxtPublisher, IDnsAddressPublisher
{
    private readonly Lock _gate = new();

    public List<(string Name, string[] Values)> TxtCalls { get; } = [];

    public List<(string Name, string? Address)> AddressCalls { get; } = [];

    public bool Fail { get; set; }

    /// <summary>Runs once, inside the next TXT publish: another writer acting while a handler is between its reads and its save.</summary>
    public Func<Task>? DuringNextTxtPublish { get; set; }

    public async Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (_gate)
        {
            TxtCalls.Add((name, values.ToArray()));
        }

        if (DuringNextTxtPublish is { } interleave)
        {
            DuringNextTxtPublish = null;
            await interleave();
        }
    }

    public Task SetAddressAsync(string name, IPAddress address, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        AddressCalls.Add((name, address.ToString()));
        return Task.CompletedTask;
    }

    public Task RemoveAddressAsync(string name, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        AddressCalls.Add((name, null));
        return Task.CompletedTask;
    }

    private void ThrowIfFailing()
    {
        if (Fail)
        {
            throw new DnsPublishException("simulated provider outage");
        }
    }
}
