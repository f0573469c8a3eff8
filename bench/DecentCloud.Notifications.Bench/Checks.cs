using DecentCloud.Adapters.Persistence;
using DecentCloud.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DecentCloud.Notifications.Bench;

/// <summary>Reads what the database holds after a run, for the bench's exact checks.</summary>
internal static class Checks
{
    /// <summary>The run's notifications (their idempotency keys start with <paramref name="prefix"/>) per status.</summary>
    public static async Task<Dictionary<NotificationStatus, int>> StatusesAsync(Platform platform, string prefix)
    {
        await using var scope = platform.Scope();
        var rows = await Notifications(scope, prefix).GroupBy(n => n.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return rows.ToDictionary(r => r.Key, r => r.Count);
    }

    /// <summary>The fewest and most delivered notifications of one account in the run.</summary>
    public static async Task<(int Min, int Max)> DeliveredPerAccountAsync(Platform platform, string prefix)
    {
        await using var scope = platform.Scope();
        var counts = await Notifications(scope, prefix).GroupBy(n => n.AccountId)
            .Select(g => g.Count(n => n.Status == NotificationStatus.Delivered)).ToListAsync();
        return counts.Count == 0 ? (0, 0) : (counts.Min(), counts.Max());
    }

    /// <summary>Each of the run's notifications' CreatedAt and DeliveredAt.</summary>
    public static async Task<List<(DateTimeOffset Created, DateTimeOffset? Delivered)>> TimesAsync(Platform platform, string prefix)
    {
        await using var scope = platform.Scope();
        var rows = await Notifications(scope, prefix).Select(n => new { n.CreatedAt, n.DeliveredAt }).ToListAsync();
        return [.. rows.Select(r => (r.CreatedAt, r.DeliveredAt))];
    }

    /// <summary>The free-allowance messages the quota gate counted for <paramref name="accounts"/> on <paramref name="channel"/>.</summary>
    public static async Task<long> UsageAsync(NpgsqlDataSource data, IReadOnlyCollection<Guid> accounts, NotificationChannel channel)
    {
        await using var command = data.CreateCommand("SELECT coalesce(sum(\"Used\"), 0)::bigint FROM notification_usage WHERE \"AccountId\" = ANY($1) AND \"Channel\" = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = accounts.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = channel.Name() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static IQueryable<Notification> Notifications(AsyncServiceScope scope, string prefix) =>
        scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>().Set<Notification>().AsNoTracking().Where(n => n.IdempotencyKey.StartsWith(prefix));
}
