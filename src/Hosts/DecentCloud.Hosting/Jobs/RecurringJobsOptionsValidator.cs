using Microsoft.Extensions.Options;

namespace DecentCloud.Hosting.Jobs;

/// <summary>Every interval positive, every named interval belonging to a registered job (a typo would be silently ignored otherwise).</summary>
internal sealed class RecurringJobsOptionsValidator(IEnumerable<RecurringJobRegistration> jobs) : IValidateOptions<RecurringJobsOptions>
{
    public ValidateOptionsResult Validate(string? name, RecurringJobsOptions options)
    {
        var known = jobs.Select(j => j.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        if (options.DefaultInterval <= TimeSpan.Zero)
        {
            failures.Add("Jobs:DefaultInterval must be positive.");
        }

        foreach (var (job, interval) in options.Intervals)
        {
            if (!known.Contains(job))
            {
                failures.Add($"Jobs:Intervals:{job} names no job; the jobs are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
            else if (interval <= TimeSpan.Zero)
            {
                failures.Add($"Jobs:Intervals:{job} must be positive.");
            }
        }

        foreach (var duplicate in jobs.GroupBy(j => j.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            failures.Add($"Two jobs are called '{duplicate.Key}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
