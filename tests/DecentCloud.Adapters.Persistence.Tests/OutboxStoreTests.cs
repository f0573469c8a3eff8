using System.Collections.Concurrent;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Gateways;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DecentCloud.Adapters.Persistence.Tests;

public class OutboxStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DcId Dc = DcId.Create("dc-lk").Value;
    private static readonly ProviderId Provider = ProviderId.Create("prov-a").Value;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_idempotency_key_is_written_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue("test.echo", "{}", "same-key");
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue("test.echo", "{\"again\":true}", "same-key");
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
        }

        await using (var scope = db.Scope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IOutboxStore>().FindByKeyAsync("same-key", Ct);
            Assert.Equal(("test.echo", "{}"), (stored!.Type, stored.Payload));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_message_is_written_with_the_state_change_or_not_at_all(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().Add(AcmeDnsAccount.Open(Dc, Provider, Guid.NewGuid(), [1], Now));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using var winner = db.Scope();
        await using var loser = db.Scope();
        var first = await winner.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindByDcIdAsync(Dc, Ct);
        var second = await loser.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindByDcIdAsync(Dc, Ct);
        first!.Revoke(Now);
        winner.ServiceProvider.GetRequiredService<IOutbox>().Enqueue("test.echo", "{}", "winner");
        await winner.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);

        second!.Revoke(Now.AddSeconds(1));
        loser.ServiceProvider.GetRequiredService<IOutbox>().Enqueue("test.echo", "{}", "loser");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => loser.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));

        await using var check = db.Scope();
        var outbox = check.ServiceProvider.GetRequiredService<IOutboxStore>();
        Assert.NotNull(await outbox.FindByKeyAsync("winner", Ct));
        Assert.Null(await outbox.FindByKeyAsync("loser", Ct));
        Assert.Equal(Now, (await check.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindByDcIdAsync(Dc, Ct))!.RevokedAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Due_messages_come_oldest_first_and_sent_or_later_ones_stay_back(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var scope = db.Scope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            outbox.Enqueue("test.echo", "{}", "a");
            outbox.Enqueue("test.echo", "{}", "b");
            outbox.Enqueue("test.echo", "{}", "c");
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = db.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IOutboxStore>();
            (await store.FindByKeyAsync("a", Ct))!.MarkProcessed(Now);
            (await store.FindByKeyAsync("b", Ct))!.MarkFailed("boom", DateTimeOffset.MaxValue.AddYears(-1));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = db.Scope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            var due = await unitOfWork.InTransactionAsync(
                () => scope.ServiceProvider.GetRequiredService<IOutboxStore>().LockDueAsync(DateTimeOffset.UtcNow.AddYears(1), 10, Ct), Ct);
            Assert.Equal(["c"], due.Select(m => m.IdempotencyKey));
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_postgres_never_send_one_message_at_the_same_time()
    {
        var probe = new SendProbe();
        await using var db = await DispatcherDatabase.CreateAsync(probe);
        const int Messages = 60;
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            for (var i = 0; i < Messages; i++)
            {
                outbox.Enqueue(SendProbe.MessageType, $"{{\"n\":{i}}}", $"k-{i}");
            }

            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = db.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DispatchOutbox(), Ct);
        }, Ct)));

        Assert.Equal(0, probe.Overlaps);
        Assert.Equal(Messages, sent.Sum());
        Assert.Equal(Messages, probe.Sends.Count);
        Assert.All(probe.Sends.Values, count => Assert.Equal(1, count));
        Assert.True(probe.Senders.Count > 1, "the dispatchers did not run side by side");
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            var due = await unitOfWork.InTransactionAsync(
                () => scope.ServiceProvider.GetRequiredService<IOutboxStore>().LockDueAsync(DateTimeOffset.UtcNow.AddYears(1), 100, Ct), Ct);
            Assert.Empty(due);
        }
    }

    /// <summary>Counts sends per key and notices a key sent by two dispatchers at once.</summary>
    private sealed class SendProbe
    {
        public const string MessageType = "test.probe";
        private readonly ConcurrentDictionary<string, byte> _inFlight = new();
        private int _overlaps;

        public ConcurrentDictionary<string, int> Sends { get; } = new();

        public ConcurrentDictionary<Guid, byte> Senders { get; } = new();

        public int Overlaps => Volatile.Read(ref _overlaps);

        public async Task SendAsync(Guid sender, string key, CancellationToken cancellationToken)
        {
            if (!_inFlight.TryAdd(key, 0))
            {
                Interlocked.Increment(ref _overlaps);
            }

            Senders.TryAdd(sender, 0);
            Sends.AddOrUpdate(key, 1, (_, n) => n + 1);
            await Task.Delay(15, cancellationToken);
            _inFlight.TryRemove(key, out _);
        }
    }

    /// <summary>One handler per request scope, so each dispatcher shows up as its own sender.</summary>
    private sealed class ProbeHandler(SendProbe probe) : IOutboxHandler
    {
        private readonly Guid _sender = Guid.NewGuid();

        public string Type => SendProbe.MessageType;

        public Task SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken) =>
            probe.SendAsync(_sender, idempotencyKey, cancellationToken);
    }

    /// <summary>A fresh PostgreSQL database with the probe registered as the outbox handler and small batches.</summary>
    private sealed class DispatcherDatabase : IAsyncDisposable
    {
        private readonly string _admin;
        private readonly string _name;

        private DispatcherDatabase(ServiceProvider services, string admin, string name)
        {
            Services = services;
            _admin = admin;
            _name = name;
        }

        public ServiceProvider Services { get; }

        public static async Task<DispatcherDatabase> CreateAsync(SendProbe probe)
        {
            var admin = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)
                ?? throw new InvalidOperationException(
                    $"{TestDatabase.PostgresVariable} is not set: the PostgreSQL outbox tests need a real server. Run ./scripts/test.sh, which installs and starts one.");
            var name = "dc_outbox_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var services = new ServiceCollection();
            services.AddLogging();
            services.AddDecentCloudApplication();
            services.AddDecentCloudPersistence(new PersistenceOptions
            {
                PostgresConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString,
            });
            services.AddSingleton(probe);
            services.AddScoped<IOutboxHandler, ProbeHandler>();
            services.Configure<OutboxOptions>(o => o.BatchSize = 5);
            services.AddSingleton<Application.AcmeDns.IDnsTxtPublisher, NoDns>();
            var provider = services.BuildServiceProvider();
            await provider.InitializeDecentCloudDatabaseAsync();
            return new DispatcherDatabase(provider, admin, name);
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        private sealed class NoDns : Application.AcmeDns.IDnsTxtPublisher
        {
            public Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
