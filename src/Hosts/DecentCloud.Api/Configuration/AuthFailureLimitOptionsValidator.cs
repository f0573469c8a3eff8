using DecentCloud.Api.Http;
using Microsoft.Extensions.Options;

namespace DecentCloud.Api.Configuration;

/// <summary>A limit of zero would refuse every client after its first mistake; a zero window would never refuse one.</summary>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
