namespace DecentCloud.Adapters.Vultr;

/// <summary>Settings of the Vultr provisioner.</summary>
public sealed class VultrOptions
{
    /// <summary>A Vultr API key.</summary>
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>The API base address (changed only for tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.vultr.com/v2/");

    /// <summary>Plan when the offering's instance config names none.</summary>
    public string DefaultPlan { get; set; } = "vc2-2c-4gb";

    /// <summary>Region when the offering's instance config names none.</summary>
    public string DefaultRegion { get; set; } = "fra";

    /// <summary>Operating system id when the offering's instance config names none (2284: Ubuntu 24.04 x64).</summary>
    public int DefaultOsId { get; set; } = 2284;

    /// <summary>How often the instance state is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an instance may take to become active with an address.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt for 429 and 5xx.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the answer names no wait.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
