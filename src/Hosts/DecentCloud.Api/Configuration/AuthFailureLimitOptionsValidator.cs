using DecentCloud.Api.Http;
using Microsoft.Extensions.Options;

namespace DecentCloud.Api.Configuration;

/// <summary>
/// A limit of zero would refuse every client after its first mistake; a zero window would never refuse one; a table
/// too small to hold the global budget's worth of clients would let a flood push out the clients it should count.
/// </summary>
internal sealed class AuthFailureLimitOptionsValidator : IValidateOptions<AuthFailureLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthFailureLimitOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFailures <= 0)
        {
            failures.Add("DC_AUTH_FAILURE_LIMIT (AuthFailureLimits:MaxFailures) must be a positive whole number.");
        }

        if (options.Window <= TimeSpan.Zero)
        {
            failures.Add("DC_AUTH_FAILURE_WINDOW_SECONDS (AuthFailureLimits:Window) must be a positive duration.");
        }

        if (options.MaxFailuresPerTarget <= 0)
        {
            failures.Add("DC_AUTH_FAILURE_TARGET_LIMIT (AuthFailureLimits:MaxFailuresPerTarget) must be a positive whole number.");
        }

        if (options.MaxFailuresOverall <= 0)
        {
            failures.Add("DC_AUTH_FAILURE_GLOBAL_LIMIT (AuthFailureLimits:MaxFailuresOverall) must be a positive whole number.");
        }

        if (options.MaxTrackedKeys < 2L * options.MaxFailuresOverall)
        {
            failures.Add("AuthFailureLimits:MaxTrackedKeys must be at least twice DC_AUTH_FAILURE_GLOBAL_LIMIT (a failure tracks a client and a target).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
