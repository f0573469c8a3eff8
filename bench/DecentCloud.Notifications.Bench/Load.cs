using System.Diagnostics;

namespace DecentCloud.Notifications.Bench;

/// <summary>What one timed run did: how many operations in how long, and the latency of one operation.</summary>
internal sealed record Measurement(int Operations, double Seconds, double P50Ms, double P95Ms, double MaxMs)
{
    public double PerSecond => Operations / Seconds;
}

/// <summary>Runs a fixed number of operations with a fixed number in flight, timing each one.</summary>
internal static class Load
{
    /// <summary>
    /// Runs <paramref name="operation"/> for 0..<paramref name="count"/>-1 with <paramref name="concurrency"/> workers;
    /// an operation that throws fails the whole run (an unexpected answer is a broken invariant, not a slow call).
    /// </summary>
    public static async Task<Measurement> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(concurrency, count))).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(workers);
        clock.Stop();
        Array.Sort(latencies);
        return new Measurement(count, clock.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.95), latencies.Length == 0 ? 0 : latencies[^1]);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>An invariant did not hold: the benchmark's figures are void and it exits non-zero.</summary>
internal sealed class BenchInvariantException : Exception
{
    public BenchInvariantException(string message)
        : base(message)
    {
    }

    public BenchInvariantException()
    {
    }

    public BenchInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
