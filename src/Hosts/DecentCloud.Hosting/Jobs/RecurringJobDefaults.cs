using DecentCloud.Hosting.Jobs;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Jobs whose natural pace differs from <c>Jobs:DefaultInterval</c>.</summary>
public static class RecurringJobDefaults
{
    /// <summary>
    /// Adds <typeparamref name="TJob"/> running every <paramref name="defaultInterval"/> unless
    /// <c>Jobs:Intervals:{name}</c> is configured (the binding runs first, so a configured interval wins).
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, TimeSpan defaultInterval)
        where TJob : class, IRecurringJob
    {
        services.Configure<RecurringJobsOptions>(o => o.Intervals.TryAdd(TJob.Name, defaultInterval));
        return services.AddRecurringJob<TJob>();
    }
}
