using System.Diagnostics;

namespace DecentCloud.Money.Bench;

/// <summary>What one timed phase did: how many operations in how long, and their latency percentiles.</summary>
internal sealed record Measurement(string Label, int Operations, double Seconds, double P50Ms, double P99Ms)
{
    /// <summary>What PostgreSQL's backends waited on during the phase (<see cref="WaitSampler"/>), when sampled.</summary>
    public string? Waits { get; init; }

    public double PerSecond => Operations / Seconds;
}

/// <summary>Runs a fixed number of operations with a fixed number in flight, timing each one.</summary>
internal static class Load
{
    /// <summary>
    /// Runs <paramref name="operation"/> for 0..<paramref name="count"/>-1 with <paramref name="concurrency"/> workers;
    /// an operation that throws fails the whole phase (an unexpected answer is a broken invariant, not a slow request).
    /// </summary>
    public static Task<Measurement> RunAsync(string label, int count, int concurrency, Func<int, Task> operation) =>
        RunAsync(label, count, concurrency, null, operation);

    /// <summary>As above, sampling what the database at <paramref name="postgres"/> waits on while the operations run.</summary>
    public static async Task<Measurement> RunAsync(string label, int count, int concurrency, string? postgres, Func<int, Task> operation)
    {
        await using var sampler = postgres is null ? null : WaitSampler.Start(postgres);
        Console.Error.WriteLine($"==> {label}: {count:N0} operations, {concurrency} in flight");
        var latencies = new double[count];
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => Console.Error.WriteLine($"    {Volatile.Read(ref done):N0}/{count:N0} after {clock.Elapsed.TotalSeconds:F0} s"),
            null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(concurrency, count))).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Increment(ref done);
            }
        }));
        await Task.WhenAll(workers);
        clock.Stop();
        Array.Sort(latencies);
        return new Measurement(label, count, clock.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99))
        {
            Waits = sampler is null ? null : await sampler.StopAsync(),
        };
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
