using DecentCloud.Adapters.Cloudflare;
using Microsoft.Extensions.Options;

namespace DecentCloud.Api.Configuration;

/// <summary>The Cloudflare base address must be absolute (a relative one would resolve against nothing).</summary>
internal sealed class CloudflareOptionsValidator : IValidateOptions<CloudflareOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudflareOptions options) =>
        options.BaseAddress is { IsAbsoluteUri: true }
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("CF_API_BASE_URL (Cloudflare:BaseAddress) must be an absolute URL.");
}
