namespace DecentCloud.Adapters.DigitalOcean;

/// <summary>Settings of the DigitalOcean provisioner.</summary>
public sealed class DigitalOceanOptions
{
    /// <summary>A personal access token with write scope.</summary>
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>The API base address (changed only for tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.digitalocean.com/v2/");

    /// <summary>Droplet size slug when the offering's instance config names none.</summary>
    public string DefaultSize { get; set; } = "s-2vcpu-4gb";

    /// <summary>Image slug when the offering's instance config names none.</summary>
    public string DefaultImage { get; set; } = "ubuntu-24-04-x64";

    /// <summary>Region slug when the offering's instance config names none.</summary>
    public string DefaultRegion { get; set; } = "fra1";

    /// <summary>How often actions and droplet state are polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an action or a droplet's first address may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt for 429 and 5xx.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the answer names no wait.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
