namespace DecentCloud.Hosting.Jobs;

/// <summary>
/// A piece of background work run again and again at its own interval (<c>Jobs:Intervals:{Name}</c>, default
/// <c>Jobs:DefaultInterval</c>). Each run gets a fresh DI scope; an exception is logged and the job runs again at
/// its next tick, other jobs unaffected. Register with <c>services.AddRecurringJob&lt;TJob&gt;()</c>.
/// </summary>
public interface IRecurringJob
{
    /// <summary>The job's name in logs and in configuration keys (kebab-case, e.g. <c>expire-credentials</c>).</summary>
    static abstract string Name { get; }

    /// <summary>Does one run of the work.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
