using System.Diagnostics;
using DecentCloud.Application.Common;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DecentCloud.Notifications.Bench;

/// <summary>One row of phase 1's table.</summary>
internal sealed record GateRow(string What, int Workers, Measurement Figures, int Delivered, int Refused);

/// <summary>
/// Phase 1: notifications through the quota gate per second. For each worker count, fresh accounts get their notices
/// (in-app through <see cref="INotifier"/>, batched one save per account; Telegram through the notification store: the
/// gate sees them the same either way), then every notice is delivered with <see cref="DeliverNotification"/>, that many in
/// flight, interleaved across accounts; beside it the bare one-row counter update with the same order and concurrency.
/// Every run's counts are checked exactly against the allowance.
/// </summary>
internal sealed class GatePhase(BenchSettings settings, Platform platform, NpgsqlDataSource data, TimeProvider clock)
{
    private readonly List<double> _seedRates = [];

    /// <summary>In-app notices written per second through the notifier, over all runs.</summary>
    public double SeedRate => _seedRates.Count == 0 ? 0 : _seedRates.Average();

    public async Task<List<GateRow>> RunAsync()
    {
        await Checks.ExecuteAsync(data, "CREATE TABLE IF NOT EXISTS bench_counters (account uuid PRIMARY KEY, n bigint NOT NULL)");

        // Warm-up, not reported: the first use of each query compiles it.
        Console.Error.WriteLine("==> warm-up");
        await InAppAsync(Math.Min(20, settings.Accounts), 8, "warm");
        await TelegramAsync(Math.Min(20, settings.Accounts), 8, "warm");
        await CounterAsync(Math.Min(20, settings.Accounts), 8);

        var rows = new List<GateRow>();
        foreach (var workers in settings.Workers)
        {
            rows.Add(await InAppAsync(settings.Accounts, workers, "in-app"));
            rows.Add(await TelegramAsync(settings.Accounts, workers, "telegram"));
            rows.Add(await CounterAsync(settings.Accounts, workers));
        }

        await Checks.ExecuteAsync(data, "DROP TABLE bench_counters");
        return rows;
    }

    private async Task<GateRow> InAppAsync(int accountCount, int workers, string label)
    {
        var accounts = NewAccounts(accountCount);
        var prefix = $"bench:{label}:{workers}:{Guid.NewGuid():N}:";
        var total = accountCount * settings.PerAccount;
        Console.Error.WriteLine($"==> in-app, {workers} in flight: writing {total:N0} notices through INotifier ({accountCount:N0} accounts x {settings.PerAccount}, one save per account)");
        var watch = Stopwatch.StartNew();
        await ForEachAccountAsync(accounts, async (scope, account) =>
        {
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            for (var k = 0; k < settings.PerAccount; k++)
            {
                await notifier.NotifyAsync(new Notice(account, NotificationKind.SlaBreached, $"{prefix}{account:N}:{k}", $"SLA breached ({k})", "Contract below its SLA this hour."), CancellationToken.None);
            }
        });
        if (label != "warm")
        {
            _seedRates.Add(total / watch.Elapsed.TotalSeconds);
        }

        Console.Error.WriteLine($"    written in {watch.Elapsed.TotalSeconds:F1} s ({total / watch.Elapsed.TotalSeconds:F0} notices/s)");
        var ids = await InterleavedIdsAsync(prefix);
        Expect(ids.Count == total, $"{label}: {ids.Count} notifications written through the notifier, not {total}");

        var (figures, statuses) = await DeliverAsync(ids, workers);
        var delivered = statuses.Count(s => s == NotificationStatus.Delivered);
        var stored = await Checks.StatusesAsync(platform, prefix);
        Expect(delivered == total && statuses.All(s => s == NotificationStatus.Delivered), $"{label} x{workers}: {delivered} of {total} in-app deliveries answered Delivered");
        Expect(stored.GetValueOrDefault(NotificationStatus.Delivered) == total && stored.Values.Sum() == total, $"{label} x{workers}: {Show(stored)} stored, expected {total} Delivered");
        var charged = await Checks.UsageAsync(data, accounts, NotificationChannel.InApp);
        Expect(charged == total, $"{label} x{workers}: the gate counted {charged} in-app messages, not {total}");
        var row = new GateRow("in-app (no allowance to run out)", workers, figures, delivered, 0);
        Report(row);
        return row;
    }

    private async Task<GateRow> TelegramAsync(int accountCount, int workers, string label)
    {
        var accounts = NewAccounts(accountCount);
        var prefix = $"bench:{label}:{workers}:{Guid.NewGuid():N}:";
        var total = accountCount * settings.PerAccount;
        Console.Error.WriteLine($"==> telegram at the edge of the quota, {workers} in flight: {total:N0} notices, {settings.FreeTelegram} free a day per account");
        var now = clock.GetUtcNow();
        await ForEachAccountAsync(accounts, (scope, account) =>
        {
            var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
            for (var k = 0; k < settings.PerAccount; k++)
            {
                store.Add(Notification.Create(Guid.NewGuid(), account, NotificationChannel.Telegram, NotificationKind.SlaBreached, "123456789",
                    $"SLA breached ({k})", "Contract below its SLA this hour.", $"{prefix}{account:N}:{k}:telegram", now).Value);
            }

            return Task.CompletedTask;
        });
        var ids = await InterleavedIdsAsync(prefix);
        var sentBefore = platform.Telegram.Sent.Count(k => k.StartsWith(prefix, StringComparison.Ordinal));
        Expect(ids.Count == total && sentBefore == 0, $"{label}: {ids.Count} Telegram notifications written, not {total}");

        var (measured, statuses) = await DeliverAsync(ids, workers);
        var delivered = statuses.Count(s => s == NotificationStatus.Delivered);
        var refused = statuses.Count(s => s == NotificationStatus.Refused);
        var allowed = accountCount * settings.FreeTelegram;
        Expect(delivered == allowed && refused == total - allowed, $"{label} x{workers}: {delivered} delivered and {refused} refused, expected {allowed} and {total - allowed}");
        var stored = await Checks.StatusesAsync(platform, prefix);
        Expect(stored.GetValueOrDefault(NotificationStatus.Delivered) == allowed && stored.GetValueOrDefault(NotificationStatus.Refused) == total - allowed,
            $"{label} x{workers}: {Show(stored)} stored, expected {allowed} Delivered and {total - allowed} Refused");
        var (min, max) = await Checks.DeliveredPerAccountAsync(platform, prefix);
        Expect(min == settings.FreeTelegram && max == settings.FreeTelegram, $"{label} x{workers}: an account got {min}-{max} Telegram messages, not exactly {settings.FreeTelegram}");
        var sent = platform.Telegram.Sent.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Expect(sent.Count == allowed && sent.Distinct(StringComparer.Ordinal).Count() == allowed, $"{label} x{workers}: the channel got {sent.Count} messages ({sent.Distinct(StringComparer.Ordinal).Count()} distinct), not {allowed}");
        var charged = await Checks.UsageAsync(data, accounts, NotificationChannel.Telegram);
        Expect(charged == allowed, $"{label} x{workers}: the gate counted {charged} Telegram messages, not {allowed}");
        var row = new GateRow($"telegram, {settings.FreeTelegram} free/day, {settings.PerAccount} sent (recording channel)", workers, measured, delivered, refused);
        Report(row);
        return row;
    }

    private async Task<GateRow> CounterAsync(int accountCount, int workers)
    {
        var accounts = NewAccounts(accountCount);
        var total = accountCount * settings.PerAccount;
        await Checks.ExecuteAsync(data, "TRUNCATE bench_counters");
        await using (var insert = data.CreateCommand("INSERT INTO bench_counters SELECT unnest($1), 0"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = accounts.ToArray() });
            await insert.ExecuteNonQueryAsync();
        }

        Console.Error.WriteLine($"==> reference, {workers} in flight: {total:N0} x UPDATE bench_counters SET n = n + 1 (one row per account)");
        var figures = await Load.RunAsync(total, workers, async i =>
        {
            await using var update = data.CreateCommand("UPDATE bench_counters SET n = n + 1 WHERE account = $1");
            update.Parameters.Add(new NpgsqlParameter { Value = accounts[i % accounts.Count] });
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new BenchInvariantException("a counter row is missing");
            }
        });
        var sum = await Checks.ScalarAsync(data, "SELECT coalesce(sum(n), 0) FROM bench_counters");
        Expect(sum == total, $"reference x{workers}: the counters sum to {sum}, not {total}");
        var row = new GateRow("reference: UPDATE counter SET n = n + 1", workers, figures, total, 0);
        Report(row);
        return row;
    }

    /// <summary>Delivers <paramref name="ids"/> in order with <paramref name="workers"/> in flight; returns each answer's status.</summary>
    private async Task<(Measurement Figures, NotificationStatus[] Statuses)> DeliverAsync(List<Guid> ids, int workers)
    {
        var statuses = new NotificationStatus[ids.Count];
        var figures = await Load.RunAsync(ids.Count, workers, async i =>
            statuses[i] = (await platform.SendAsync(new DeliverNotification(ids[i]))).Status);
        return (figures, statuses);
    }

    /// <summary>The run's notification ids, the first notice of every account, then the second of every account, and so on.</summary>
    private async Task<List<Guid>> InterleavedIdsAsync(string prefix)
    {
        await using var scope = platform.Scope();
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            scope.ServiceProvider.GetRequiredService<DecentCloud.Adapters.Persistence.DecentCloudDbContext>().Set<Notification>()
                .Where(n => n.IdempotencyKey.StartsWith(prefix)).Select(n => new { n.Id, n.AccountId, n.IdempotencyKey }));
        return [.. rows.GroupBy(r => r.AccountId)
            .SelectMany(g => g.OrderBy(r => r.IdempotencyKey, StringComparer.Ordinal).Select((r, k) => (r.Id, k, g.Key)))
            .OrderBy(r => r.k).ThenBy(r => r.Key).Select(r => r.Id)];
    }

    /// <summary>Runs <paramref name="write"/> once per account in its own scope and saves it (one unit of work per account).</summary>
    private async Task ForEachAccountAsync(List<Guid> accounts, Func<AsyncServiceScope, Guid, Task> write)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, BenchSettings.SeedWriters).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < accounts.Count)
            {
                await using var scope = platform.Scope();
                await write(scope, accounts[i]);
                await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            }
        })));
    }

    private static List<Guid> NewAccounts(int count) => [.. Enumerable.Range(0, count).Select(_ => Guid.NewGuid())];

    private static void Report(GateRow row) =>
        Console.Error.WriteLine($"    {row.Figures.Operations:N0} in {row.Figures.Seconds:F1} s: {row.Figures.PerSecond:F0}/s, p50 {row.Figures.P50Ms:F2} ms, p95 {row.Figures.P95Ms:F2} ms; delivered {row.Delivered:N0}, refused {row.Refused:N0}");

    private static string Show(Dictionary<NotificationStatus, int> counts) => string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"));

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new BenchInvariantException(message);
        }
    }
}
