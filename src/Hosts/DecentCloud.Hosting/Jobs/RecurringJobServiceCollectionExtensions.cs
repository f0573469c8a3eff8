using DecentCloud.Hosting.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers recurring jobs and their scheduler.</summary>
public static class RecurringJobServiceCollectionExtensions
{
    /// <summary>
    /// Adds the scheduler, with intervals bound from <paramref name="jobsSection"/> (<c>DefaultInterval</c>,
    /// <c>Intervals:{name}</c>) and validated at start. Call once; add jobs with <see cref="AddRecurringJob{TJob}"/>.
    /// </summary>
    public static IServiceCollection AddRecurringJobs(this IServiceCollection services, IConfiguration jobsSection)
    {
        ArgumentNullException.ThrowIfNull(jobsSection);
        services.AddOptions<RecurringJobsOptions>().Bind(jobsSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecurringJobsOptions>, RecurringJobsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<RecurringJobScheduler>();
        return services;
    }

    /// <summary>Adds one job: <typeparamref name="TJob"/> is resolved from a fresh scope for every run.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services)
        where TJob : class, IRecurringJob
    {
        services.TryAddScoped<TJob>();
        services.AddSingleton(new RecurringJobRegistration(TJob.Name, typeof(TJob)));
        return services;
    }
}
