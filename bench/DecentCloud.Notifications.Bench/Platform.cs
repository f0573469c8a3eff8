using System.Collections.Concurrent;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.Notifications;
using DecentCloud.Application.Outbox;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Notifications.Bench;

/// <summary>
/// One "API instance" in the bench process: the platform's use cases over the benchmark's PostgreSQL database (the same
/// Notifier, DeliverNotification and DispatchOutbox the API runs), with its own service provider and connection pool,
/// a recording Telegram channel, and the outbox's notification handler wrapped to count each delivery it is handed.
/// </summary>
internal sealed class Platform : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Platform(ServiceProvider services, RecordingTelegram telegram, DeliveryCounter counter)
    {
        _services = services;
        Telegram = telegram;
        Counter = counter;
    }

    /// <summary>What reached the Telegram channel.</summary>
    public RecordingTelegram Telegram { get; }

    /// <summary>How often the outbox handed each delivery to the notification handler.</summary>
    public DeliveryCounter Counter { get; }

    /// <summary>
    /// An instance with clock <paramref name="clock"/> and <paramref name="freeTelegram"/> free Telegram messages a day;
    /// <paramref name="counter"/> may be shared by several instances (phase 2 counts every instance's deliveries together).
    /// </summary>
    public static Platform Open(string postgres, TimeProvider clock, int freeTelegram, DeliveryCounter counter)
    {
        var telegram = new RecordingTelegram();
        IServiceCollection services = new ServiceCollection();
        services.AddLogging();
        // Registered first: the Application only adds the system clock when none is registered.
        services.AddSingleton(clock);
        services.AddSingleton<INotificationChannel>(telegram);
        services.Configure<NotificationOptions>(o => o.FreeDailyTelegram = freeTelegram);
        services.AddDecentCloudApplication(o =>
        {
            o.Domain = "decent-cloud.test";
            o.GatewayPrefix = "dev-gw";
            o.PublicUrl = "http://127.0.0.1";
        });
        services.AddDecentCloudPersistence(new PersistenceOptions { PostgresConnectionString = postgres });

        // The outbox here carries notification deliveries only: the other handlers (acme-dns TXT sync needs a DNS
        // publisher) are dropped, and the notification handler (internal to the Application) is resolved by its own type
        // behind a counting wrapper.
        var original = services.Single(d => d.ServiceType == typeof(IOutboxHandler) && d.ImplementationType?.Name == "DeliverNotificationOutboxHandler");
        foreach (var handler in services.Where(d => d.ServiceType == typeof(IOutboxHandler)).ToList())
        {
            services.Remove(handler);
        }

        services.Add(new ServiceDescriptor(original.ImplementationType!, original.ImplementationType!, original.Lifetime));
        services.AddSingleton(counter);
        services.Add(new ServiceDescriptor(typeof(IOutboxHandler), s => new CountingOutboxHandler(
            (IOutboxHandler)s.GetRequiredService(original.ImplementationType!), counter, s.GetRequiredService<DecentCloudDbContext>()), original.Lifetime));
        return new Platform(services.BuildServiceProvider(), telegram, counter);
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public async Task<T> SendAsync<T>(ICommand<T> command, CancellationToken cancellationToken = default)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Counts, per outbox payload, how many times a dispatcher handed it to the notification handler.</summary>
internal sealed class DeliveryCounter
{
    private readonly ConcurrentDictionary<string, int> _handed = new(StringComparer.Ordinal);

    public void Count(string payload) => _handed.AddOrUpdate(payload, 1, (_, n) => n + 1);

    /// <summary>Payloads handed over more than once.</summary>
    public int Repeated => _handed.Values.Count(n => n > 1);

    /// <summary>Distinct payloads handed over.</summary>
    public int Distinct => _handed.Count;

    /// <summary>
    /// The most entities the dispatcher's unit of work tracked when it handed a delivery over (sampled every 50th):
    /// one dispatch run keeps one scope for as long as it finds full batches, and every save looks at all of them.
    /// </summary>
    public int MaxTracked => Volatile.Read(ref _maxTracked);

    private int _maxTracked;
    private int _calls;

    public void Count(string payload, DecentCloudDbContext db)
    {
        Count(payload);
        if (Interlocked.Increment(ref _calls) % 50 == 0)
        {
            var tracked = db.ChangeTracker.Entries().Count();
            int seen;
            while (tracked > (seen = Volatile.Read(ref _maxTracked)) && Interlocked.CompareExchange(ref _maxTracked, tracked, seen) != seen)
            {
            }
        }
    }
}

/// <summary>The notification outbox handler, counting each payload it is given before passing it on.</summary>
internal sealed class CountingOutboxHandler(IOutboxHandler inner, DeliveryCounter counter, DecentCloudDbContext db) : IOutboxHandler
{
    public string Type => inner.Type;

    public Task SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        counter.Count(payload, db);
        return inner.SendAsync(payload, idempotencyKey, cancellationToken);
    }
}
