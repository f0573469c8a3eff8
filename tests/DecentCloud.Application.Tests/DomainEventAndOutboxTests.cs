using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Gateways;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

public class DomainEventAndOutboxTests
{
    private static readonly string Value = new('a', 43);
    private static readonly DcId Dc = DcId.Create("dc-lk").Value;

    [Fact]
    public async Task A_revocation_clears_the_record_and_queues_the_dns_withdrawal_in_its_own_transaction()
    {
        await using var app = await AppHarness.CreateAsync();
        await RegisterAndSetAsync(app);

        Assert.True((await app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin"))).IsSuccess);

        await using var scope = app.Scope();
        var record = await scope.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(Dc, Ct);
        Assert.Empty(record!.Values);
        var message = Assert.Single(await PendingAsync(app));
        Assert.Equal((SyncChallengeTxt.Type, "{\"DcId\":\"dc-lk\"}", 0), (message.Type, message.Payload, message.Attempts));
        Assert.StartsWith("acme_dns.txt_sync:dc-lk:revoked:", message.IdempotencyKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_event_handler_rolls_the_whole_request_back()
    {
        await using var app = await AppHarness.CreateAsync(configureServices: s =>
            s.AddScoped<IDomainEventHandler<GatewayCredentialsRevoked>, ExplodingHandler>());
        var creds = await RegisterAndSetAsync(app);

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin")));

        // The account is still active, the record still holds its value and nothing waits in the outbox.
        Assert.Null(Assert.Single((await app.SendAsync(new ListGatewayCredentials(null))).Value).RevokedAt);
        await using (var scope = app.Scope())
        {
            Assert.Equal([Value], (await scope.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(Dc, Ct))!.Values);
        }

        Assert.Empty(await PendingAsync(app));
        Assert.True((await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", new string('b', 43), null))).IsSuccess);
    }

    [Fact]
    public async Task Events_raised_by_event_handlers_are_dispatched_before_the_single_save()
    {
        var seen = new List<string>();
        await using var app = await AppHarness.CreateAsync(configureServices: s =>
        {
            s.AddSingleton(seen);
            s.AddScoped<IDomainEventHandler<GatewayCredentialsRevoked>, RevokeAnotherGateway>();
            s.AddScoped<IDomainEventHandler<GatewayCredentialsRevoked>, RecordRevocation>();
        });
        await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null));
        await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-zz", null));

        Assert.True((await app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin"))).IsSuccess);

        Assert.Equal(["dc-lk", "dc-zz"], seen);
        Assert.All((await app.SendAsync(new ListGatewayCredentials(null))).Value, g => Assert.NotNull(g.RevokedAt));
    }

    [Fact]
    public async Task Handlers_that_keep_raising_events_fail_the_request_instead_of_looping()
    {
        await using var app = await AppHarness.CreateAsync(configureServices: s =>
            s.AddScoped<IDomainEventHandler<GatewayCredentialsRevoked>, RevokeAgainForever>());
        await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin")));

        Assert.Contains("after 10 rounds", error.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single((await app.SendAsync(new ListGatewayCredentials(null))).Value).RevokedAt);
    }

    [Fact]
    public async Task The_dispatcher_sends_after_commit_and_marks_the_message_sent()
    {
        var handler = new RecordingOutboxHandler();
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.AddSingleton<IOutboxHandler>(handler));
        await EnqueueAsync(app, "one", "k-1");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync(app, "two", "k-2");

        Assert.Equal(2, await app.SendAsync(new DispatchOutbox()));
        Assert.Equal([("one", "k-1"), ("two", "k-2")], handler.Sent);
        Assert.Empty(await PendingAsync(app));
        Assert.Equal(0, await app.SendAsync(new DispatchOutbox()));
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task A_crash_between_send_and_commit_sends_the_message_again_with_the_same_key()
    {
        var handler = new RecordingOutboxHandler();
        var faults = new SaveFaults();
        await using var app = await AppHarness.CreateAsync(configureServices: s =>
        {
            s.AddSingleton<IOutboxHandler>(handler);
            FlakyUnitOfWork.Install(s, faults);
        });
        await EnqueueAsync(app, "payload", "k-crash");

        // The process "dies" after the send, before its outcome is saved (the claim's save goes through).
        faults.Pass(1);
        faults.Add(new IOException("process killed"));
        await Assert.ThrowsAsync<IOException>(() => app.SendAsync(new DispatchOutbox()));
        Assert.Equal([("payload", "k-crash")], handler.Sent);
        var pending = Assert.Single(await PendingAsync(app));
        Assert.Equal((0, (DateTimeOffset?)null), (pending.Attempts, pending.ProcessedAt));

        // Still claimed by the dead dispatcher: nobody sends it until the claim runs out.
        Assert.Equal(0, await app.SendAsync(new DispatchOutbox()));
        app.Time.Advance(new OutboxOptions().ClaimTimeout);
        Assert.Equal(1, await app.SendAsync(new DispatchOutbox()));
        Assert.Equal([("payload", "k-crash"), ("payload", "k-crash")], handler.Sent);
        Assert.Empty(await PendingAsync(app));
    }

    [Fact]
    public async Task A_failed_send_is_retried_with_growing_backoff_and_its_error_recorded()
    {
        var handler = new RecordingOutboxHandler { Failure = new HttpRequestException("503 from the provider") };
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.AddSingleton<IOutboxHandler>(handler));
        await EnqueueAsync(app, "secret-free payload", "k-retry");
        var start = app.Time.GetUtcNow();

        Assert.Equal(0, await app.SendAsync(new DispatchOutbox()));
        var first = await FindAsync(app, "k-retry");
        Assert.Equal((1, start + TimeSpan.FromSeconds(10)), (first.Attempts, first.NextAttemptAt));
        Assert.Equal("HttpRequestException: 503 from the provider", first.LastError);

        app.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await app.SendAsync(new DispatchOutbox()));
        Assert.Equal(1, (await FindAsync(app, "k-retry")).Attempts);

        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await app.SendAsync(new DispatchOutbox()));
        var second = await FindAsync(app, "k-retry");
        Assert.Equal((2, app.Time.GetUtcNow() + TimeSpan.FromSeconds(20)), (second.Attempts, second.NextAttemptAt));

        handler.Failure = null;
        app.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await app.SendAsync(new DispatchOutbox()));
        var sent = await FindAsync(app, "k-retry");
        Assert.Equal((app.Time.GetUtcNow(), (string?)null), (sent.ProcessedAt, sent.LastError));
        Assert.DoesNotContain("secret-free payload", first.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_timing_out_is_a_failed_send_with_backoff_and_the_rest_of_the_batch_still_goes()
    {
        var slow = new RecordingOutboxHandler { Failure = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout") };
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.AddSingleton<IOutboxHandler>(slow));
        await EnqueueAsync(app, "first", "k-timeout-1");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync(app, "second", "k-timeout-2");

        Assert.Equal(0, await app.SendAsync(new DispatchOutbox()));

        foreach (var key in new[] { "k-timeout-1", "k-timeout-2" })
        {
            var message = await FindAsync(app, key);
            Assert.Equal((1, app.Time.GetUtcNow() + TimeSpan.FromSeconds(10)), (message.Attempts, message.NextAttemptAt));
            Assert.StartsWith("TaskCanceledException:", message.LastError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_database_lock_is_held_while_a_message_is_being_sent()
    {
        var handler = new RecordingOutboxHandler();
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.AddSingleton<IOutboxHandler>(handler));
        await EnqueueAsync(app, "payload", "k-slow");

        // While the outside system takes its time, the API goes on writing (an SQLite write lock would block this).
        handler.DuringSend = async () =>
        {
            handler.DuringSend = null;
            await EnqueueAsync(app, "written meanwhile", "k-meanwhile");
        };
        var dispatch = Task.Run(() => app.SendAsync(new DispatchOutbox()), Ct);
        Assert.Same(dispatch, await Task.WhenAny(dispatch, Task.Delay(TimeSpan.FromSeconds(20), Ct)));
        Assert.Equal(1, await dispatch);
        Assert.NotNull((await FindAsync(app, "k-slow")).ProcessedAt);
        Assert.Null((await FindAsync(app, "k-meanwhile")).ProcessedAt);
    }

    [Fact]
    public async Task Sent_messages_are_deleted_once_kept_long_enough_and_pending_ones_never()
    {
        var handler = new RecordingOutboxHandler();
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.AddSingleton<IOutboxHandler>(handler));
        await EnqueueAsync(app, "sent", "k-old");
        Assert.Equal(1, await app.SendAsync(new DispatchOutbox()));
        await EnqueueAsync(app, "x", "k-unhandled", type: "nobody.handles.this");

        app.Time.Advance(new OutboxOptions().KeepProcessedFor - TimeSpan.FromSeconds(1));
        await app.SendAsync(new DispatchOutbox());
        Assert.NotNull(await TryFindAsync(app, "k-old"));

        app.Time.Advance(TimeSpan.FromSeconds(2));
        await app.SendAsync(new DispatchOutbox());
        Assert.Null(await TryFindAsync(app, "k-old"));
        Assert.Null((await FindAsync(app, "k-unhandled")).ProcessedAt);
    }

    [Fact]
    public async Task A_message_nobody_handles_stays_pending_with_the_reason()
    {
        await using var app = await AppHarness.CreateAsync();
        await EnqueueAsync(app, "x", "k-orphan", type: "nobody.handles.this");

        Assert.Equal(0, await app.SendAsync(new DispatchOutbox()));
        var message = await FindAsync(app, "k-orphan");
        Assert.Equal((1, (DateTimeOffset?)null), (message.Attempts, message.ProcessedAt));
        Assert.Contains("no outbox handler for type 'nobody.handles.this'", message.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_revocation_reaches_dns_only_through_the_dispatcher_and_publishes_the_current_values()
    {
        await using var app = await AppHarness.CreateAsync();
        await RegisterAndSetAsync(app);
        Assert.True((await app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin"))).IsSuccess);
        var calls = app.Publisher.TxtCalls.Count;

        // Before the queued withdrawal is sent, the owner registers again and sets a new value.
        var again = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        Assert.True((await app.SendAsync(new UpdateAcmeTxt(again.AcmeDnsUsername.ToString(), again.AcmeDnsPassword, "dc-lk", new string('n', 43), null))).IsSuccess);
        Assert.Equal(calls + 1, app.Publisher.TxtCalls.Count);

        // The late withdrawal publishes what the record holds now, so it never wipes the new value.
        Assert.Equal(1, await app.SendAsync(new DispatchOutbox()));
        Assert.Equal(calls + 2, app.Publisher.TxtCalls.Count);
        Assert.Equal("_acme-challenge.dc-lk.gw.decent-cloud.org", app.Publisher.TxtCalls[^1].Name);
        Assert.Equal([new string('n', 43)], app.Publisher.TxtCalls[^1].Values);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<GatewayCredentials> RegisterAndSetAsync(AppHarness app)
    {
        var creds = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        Assert.True((await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", Value, null))).IsSuccess);
        return creds;
    }

    private static async Task EnqueueAsync(AppHarness app, string payload, string key, string type = RecordingOutboxHandler.MessageType)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(type, payload, key);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    private static async Task<OutboxMessage> FindAsync(AppHarness app, string key) =>
        Assert.IsType<OutboxMessage>(await TryFindAsync(app, key));

    private static async Task<OutboxMessage?> TryFindAsync(AppHarness app, string key)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IOutboxStore>().FindByKeyAsync(key, Ct);
    }

    private static async Task<IReadOnlyList<OutboxMessage>> PendingAsync(AppHarness app)
    {
        await using var scope = app.Scope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        return await unitOfWork.InTransactionAsync(
            () => scope.ServiceProvider.GetRequiredService<IOutboxStore>().LockDueAsync(DateTimeOffset.MaxValue, 100, Ct), Ct);
    }

    private sealed class ExplodingHandler : IDomainEventHandler<GatewayCredentialsRevoked>
    {
        public Task HandleAsync(GatewayCredentialsRevoked domainEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the handler failed");
    }

    /// <summary>Revoking dc-lk revokes dc-zz too, which raises a second event in the same save.</summary>
    private sealed class RevokeAnotherGateway(IAcmeDnsAccountStore accounts) : IDomainEventHandler<GatewayCredentialsRevoked>
    {
        public async Task HandleAsync(GatewayCredentialsRevoked domainEvent, CancellationToken cancellationToken)
        {
            if (domainEvent.DcId.Value == "dc-lk")
            {
                (await accounts.FindByDcIdAsync(DcId.Create("dc-zz").Value, cancellationToken))!.Revoke(domainEvent.OccurredAt);
            }
        }
    }

    /// <summary>Every revocation raises another one: a loop the unit of work must stop.</summary>
    private sealed class RevokeAgainForever(IAcmeDnsAccountStore accounts) : IDomainEventHandler<GatewayCredentialsRevoked>
    {
        public async Task HandleAsync(GatewayCredentialsRevoked domainEvent, CancellationToken cancellationToken) =>
            (await accounts.FindByDcIdAsync(domainEvent.DcId, cancellationToken))!.Revoke(domainEvent.OccurredAt);
    }

    private sealed class RecordRevocation(List<string> seen) : IDomainEventHandler<GatewayCredentialsRevoked>
    {
        public Task HandleAsync(GatewayCredentialsRevoked domainEvent, CancellationToken cancellationToken)
        {
            seen.Add(domainEvent.DcId.Value);
            return Task.CompletedTask;
        }
    }
}
