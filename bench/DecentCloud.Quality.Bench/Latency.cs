using System.Diagnostics;

namespace DecentCloud.Quality.Bench;

/// <summary>Times <paramref name="count"/> sequential calls and reports their percentiles.</summary>
internal static class Latency
{
    public static async Task<LatencyFigures> MeasureAsync(int count, Func<int, Task> call)
    {
        // Two untimed calls first: the first use of a query compiles it, which is not what a reader waits for.
        await call(0);
        await call(1);
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new LatencyFigures(count, At(samples, 0.50), At(samples, 0.95), At(samples, 0.99), samples[^1]);
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}

/// <summary>Percentiles in milliseconds.</summary>
internal sealed record LatencyFigures(int Count, double P50, double P95, double P99, double Max)
{
    public override string ToString() => $"n={Count} p50={P50:F2} ms p95={P95:F2} ms p99={P99:F2} ms max={Max:F2} ms";
}
