using Npgsql;

namespace DecentCloud.Money.Bench;

/// <summary>
/// Samples what PostgreSQL's active backends wait on while a phase runs (<c>pg_stat_activity</c>, every 100 ms), so the
/// figures come with their bottleneck: <c>Lock:transactionid</c> or <c>Lock:tuple</c> are writers queued on one row,
/// <c>running</c> is a backend on the CPU.
/// </summary>
internal sealed class WaitSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _samples;

    private WaitSampler(string connection) => _loop = Task.Run(() => SampleAsync(connection));

    public static WaitSampler Start(string connection) => new(connection);

    /// <summary>Stops sampling; the most frequent states as "state share%" (share of sampled active backends).</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var total = _counts.Values.Sum();
        return total == 0
            ? "no active backend sampled"
            : string.Join(", ", _counts.OrderByDescending(c => c.Value).Take(3).Select(c => $"{c.Key} {100.0 * c.Value / total:F0}%"))
              + $" (avg {(double)total / Math.Max(1, _samples):F1} active)";
    }

    private async Task SampleAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select coalesce(wait_event_type || ':' || wait_event, 'running') from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'", db);
        while (!_stop.IsCancellationRequested)
        {
            await using (var reader = await query.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var state = reader.GetString(0);
                    _counts[state] = _counts.GetValueOrDefault(state) + 1;
                }
            }

            _samples++;
            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
