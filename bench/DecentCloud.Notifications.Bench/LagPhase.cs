using System.Diagnostics;
using DecentCloud.Application.Common;
using DecentCloud.Application.Notifications;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DecentCloud.Notifications.Bench;

/// <summary>One row of phase 2's table.</summary>
internal sealed record LagRow(int Dispatchers, int Written, double WriteRate, double DeliveredPerSecond, double P50Ms, double P95Ms, double MaxMs, int DispatchRuns, int MaxTracked);

/// <summary>
/// Phase 2: the outbox dispatcher's delivery lag. A writer queues in-app notices through <see cref="INotifier"/> at a
/// steady rate (one unit of work per notice, as a domain-event handler does) while K dispatcher instances (each its own
/// service provider and connection pool, as separate API processes would be) run <see cref="DispatchOutbox"/> back to
/// back, pausing only after a run that found nothing. Lag is DeliveredAt − CreatedAt of each notification, both stored
/// on its row; every notification must be delivered, handed to the delivery handler exactly once, charged once and in
/// its account's inbox.
/// </summary>
internal sealed class LagPhase(BenchSettings settings, NpgsqlDataSource data)
{
    /// <summary>Notices being written at once: enough to hold the rate when one write waits on the database.</summary>
    private const int WritesInFlight = 8;

    /// <summary>How long the dispatchers may take to catch up after the writer stops.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(1);

    public async Task<List<LagRow>> RunAsync()
    {
        var rows = new List<LagRow>();
        foreach (var k in settings.Dispatchers)
        {
            rows.Add(await RunAsync(k));
        }

        return rows;
    }

    private async Task<LagRow> RunAsync(int dispatcherCount)
    {
        var counter = new DeliveryCounter();
        try
        {
            return await RunAsync(dispatcherCount, counter);
        }
        finally
        {
            Console.Error.WriteLine($"    most entities tracked by one dispatch run's unit of work: {counter.MaxTracked:N0}");
        }
    }

    private async Task<LagRow> RunAsync(int dispatcherCount, DeliveryCounter counter)
    {
        // Every run starts with an empty outbox, so the dispatchers see only this run's deliveries.
        await Checks.ExecuteAsync(data, "DELETE FROM outbox_messages");
        await using var writer = Platform.Open(settings.Postgres, TimeProvider.System, new NotificationOptions().FreeDailyTelegram, counter);
        var dispatchers = new List<Platform>();
        for (var i = 0; i < dispatcherCount; i++)
        {
            dispatchers.Add(Platform.Open(settings.Postgres, TimeProvider.System, new NotificationOptions().FreeDailyTelegram, counter));
        }

        try
        {
            var accounts = Enumerable.Range(0, settings.LagAccounts).Select(_ => Guid.NewGuid()).ToList();
            var prefix = $"lag:{dispatcherCount}:{Guid.NewGuid():N}:";
            var total = settings.Rate * settings.Seconds;
            Console.Error.WriteLine($"==> outbox lag, {dispatcherCount} dispatcher instance(s): {total:N0} in-app notices at {settings.Rate}/s for {settings.Seconds} s over {accounts.Count} accounts");

            // A dispatcher's warm-up (query compilation) is not lag: one empty run each before the writer starts.
            foreach (var d in dispatchers)
            {
                await d.SendAsync(new DispatchOutbox());
            }

            // Stopped between two runs once all is delivered; aborted in the middle of one when the drain runs out.
            using var stop = new CancellationTokenSource();
            using var abort = new CancellationTokenSource();
            var runs = 0;
            var loops = dispatchers.Select(d => Task.Run(async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var sent = await d.SendAsync(new DispatchOutbox(), abort.Token);
                        Interlocked.Increment(ref runs);
                        if (sent == 0)
                        {
                            await Task.Delay(settings.PollMs, abort.Token);
                        }
                    }
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    // Given up on: the check below reports what was not delivered.
                }
            })).ToList();

            var watch = Stopwatch.StartNew();
            await WriteAsync(writer, accounts, prefix, total);
            var writeSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"    written in {writeSeconds:F1} s ({total / writeSeconds:F0}/s); waiting for the dispatchers");
            var delivered = 0;
            var drained = Stopwatch.StartNew();
            var shown = TimeSpan.Zero;
            while (drained.Elapsed < Drain && loops.All(l => !l.IsCompleted))
            {
                delivered = (await Checks.StatusesAsync(writer, prefix)).GetValueOrDefault(NotificationStatus.Delivered);
                if (delivered >= total)
                {
                    break;
                }

                if (drained.Elapsed - shown >= TimeSpan.FromSeconds(10))
                {
                    shown = drained.Elapsed;
                    Console.Error.WriteLine($"    {delivered:N0}/{total:N0} delivered {drained.Elapsed.TotalSeconds:F0} s after the writer stopped");
                }

                await Task.Delay(250);
            }

            await stop.CancelAsync();
            if (delivered < total)
            {
                await abort.CancelAsync();
            }

            await Task.WhenAll(loops);
            Expect(delivered == total, $"{dispatcherCount} dispatcher(s): {delivered} of {total} notifications delivered {Drain.TotalSeconds:F0} s after the writer stopped");

            var times = await Checks.TimesAsync(writer, prefix);
            Expect(times.Count == total && times.All(t => t.Delivered is not null), $"{dispatcherCount} dispatcher(s): {times.Count} rows, {times.Count(t => t.Delivered is null)} without DeliveredAt");
            var statuses = await Checks.StatusesAsync(writer, prefix);
            Expect(statuses.GetValueOrDefault(NotificationStatus.Delivered) == total && statuses.Values.Sum() == total, $"{dispatcherCount} dispatcher(s): statuses {string.Join(", ", statuses)}");
            Expect(counter.Distinct == total && counter.Repeated == 0, $"{dispatcherCount} dispatcher(s): {counter.Distinct} deliveries handed to the handler, {counter.Repeated} of them more than once; expected {total}, each once");
            var pending = await Checks.ScalarAsync(data, "SELECT count(*) FROM outbox_messages WHERE \"ProcessedAt\" IS NULL");
            var processed = await Checks.ScalarAsync(data, "SELECT count(*) FROM outbox_messages WHERE \"ProcessedAt\" IS NOT NULL AND \"Attempts\" = 0");
            Expect(pending == 0 && processed == total, $"{dispatcherCount} dispatcher(s): outbox holds {pending} pending and {processed} processed first time, expected 0 and {total}");
            var charged = await Checks.UsageAsync(data, accounts, NotificationChannel.InApp);
            Expect(charged == total, $"{dispatcherCount} dispatcher(s): the gate counted {charged} in-app messages, not {total}");
            var inbox = await InboxAsync(writer, accounts);
            Expect(inbox == total, $"{dispatcherCount} dispatcher(s): the inboxes hold {inbox} unread notifications, not {total}");

            var lags = times.Select(t => (t.Delivered!.Value - t.Created).TotalMilliseconds).Order().ToList();
            var span = (times.Max(t => t.Delivered!.Value) - times.Min(t => t.Created)).TotalSeconds;
            var row = new LagRow(dispatcherCount, total, total / writeSeconds, total / span, Load.Percentile(lags, 0.50), Load.Percentile(lags, 0.95), lags[^1], runs, counter.MaxTracked);
            Console.Error.WriteLine($"    delivered {total:N0} ({row.DeliveredPerSecond:F0}/s from first write to last delivery); lag p50 {row.P50Ms:F0} ms, p95 {row.P95Ms:F0} ms, max {row.MaxMs:F0} ms; {runs:N0} dispatch runs; each delivered once, charged once, in its inbox");
            return row;
        }
        finally
        {
            foreach (var d in dispatchers)
            {
                await d.DisposeAsync();
            }
        }
    }

    /// <summary>Writes notice i at i/rate seconds from the start, a few at once; each notice is its own unit of work.</summary>
    private async Task WriteAsync(Platform writer, List<Guid> accounts, string prefix, int total)
    {
        using var inFlight = new SemaphoreSlim(WritesInFlight);
        var started = Stopwatch.GetTimestamp();
        var writes = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / settings.Rate) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            await inFlight.WaitAsync();
            var n = i;
            writes.Add(Task.Run(async () =>
            {
                try
                {
                    await using var scope = writer.Scope();
                    var account = accounts[n % accounts.Count];
                    await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(
                        new Notice(account, NotificationKind.WalletLow, $"{prefix}{n}", "Wallet low", "Your wallet is running low."), CancellationToken.None);
                    await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(writes);
    }

    private static async Task<long> InboxAsync(Platform platform, List<Guid> accounts)
    {
        await using var scope = platform.Scope();
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
        long unread = 0;
        foreach (var account in accounts)
        {
            unread += await store.UnreadCountAsync(account, CancellationToken.None);
        }

        return unread;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new BenchInvariantException(message);
        }
    }
}
