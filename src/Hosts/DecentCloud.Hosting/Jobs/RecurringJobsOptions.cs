namespace DecentCloud.Hosting.Jobs;

/// <summary>The intervals of the recurring jobs (configuration section <c>Jobs</c>).</summary>
public sealed class RecurringJobsOptions
{
    /// <summary>The interval of every job without its own (<c>Jobs:DefaultInterval</c>).</summary>
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Intervals by job name (<c>Jobs:Intervals:{name}</c>).</summary>
    public Dictionary<string, TimeSpan> Intervals { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The interval of the job called <paramref name="name"/>.</summary>
    public TimeSpan IntervalOf(string name) => Intervals.TryGetValue(name, out var interval) ? interval : DefaultInterval;
}
