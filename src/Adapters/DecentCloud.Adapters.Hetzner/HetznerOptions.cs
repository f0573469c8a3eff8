namespace DecentCloud.Adapters.Hetzner;

/// <summary>Settings of the Hetzner Cloud provisioner.</summary>
public sealed class HetznerOptions
{
    /// <summary>A project API token with read/write rights.</summary>
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>The API base address (changed only for tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.hetzner.cloud/v1/");

    /// <summary>Server type when the offering's instance config names none.</summary>
    public string DefaultServerType { get; set; } = "cx22";

    /// <summary>Image when the offering's instance config names none.</summary>
    public string DefaultImage { get; set; } = "ubuntu-24.04";

    /// <summary>Location when the offering's instance config names none (null: Hetzner chooses).</summary>
    public string? DefaultLocation { get; set; }

    /// <summary>How often actions and server state are polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an action or a server's first address may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt for 429 and 5xx.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the answer names no wait.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
