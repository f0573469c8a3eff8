using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Adapters.Cloudflare;

/// <summary>Settings of the Cloudflare adapter.</summary>
public sealed class CloudflareOptions
{
    /// <summary>An API token with DNS edit rights on the zone (<c>CF_API_TOKEN</c>).</summary>
    [Required]
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>The zone id (<c>CF_ZONE_ID</c>).</summary>
    [Required]
    public string ZoneId { get; set; } = string.Empty;

    /// <summary>The API base address (<c>CF_API_BASE_URL</c>; changed only for tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.cloudflare.com/client/v4/");

    /// <summary>Retries after the first attempt for 429 and 5xx answers.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first backoff delay; it doubles with each retry (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
