using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.Quality;
using DecentCloud.Application.Trust;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Quality.Bench;

/// <summary>
/// The platform's use cases over the benchmark's PostgreSQL database, in the bench process, with uptime read from the
/// hourly rollups or from raw checks only (<c>DC_QUALITY_ROLLUPS</c>): the same handlers the API's routes and jobs send.
/// </summary>
internal sealed class Platform : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Platform(ServiceProvider services) => _services = services;

    public static Platform Open(string postgres, FixedClock clock, bool readRollups)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // Registered first: the Application only adds the system clock when none is registered.
        services.AddSingleton<TimeProvider>(clock);
        services.Configure<QualityOptions>(o => o.ReadRollups = readRollups);
        // Every run of recompute-scores rescores every provider (the bench moves the clock a second between runs).
        services.Configure<ScoreOptions>(o => o.RecomputeAfter = TimeSpan.FromSeconds(1));
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.test";
            o.GatewayPrefix = "dev-gw";
            o.PublicUrl = "http://127.0.0.1";
        });
        services.AddDecentCloudPersistence(new PersistenceOptions { PostgresConnectionString = postgres });
        return new Platform(services.BuildServiceProvider());
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(IQuery<T> query)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
