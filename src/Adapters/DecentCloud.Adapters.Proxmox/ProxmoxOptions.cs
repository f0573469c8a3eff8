namespace DecentCloud.Adapters.Proxmox;

/// <summary>Settings of the Proxmox VE provisioner.</summary>
public sealed class ProxmoxOptions
{
    /// <summary>The API base, e.g. <c>https://pve.example.org:8006/api2/json/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("https://127.0.0.1:8006/api2/json/");

    /// <summary>The token id, <c>USER@REALM!TOKENID</c>.</summary>
    public string TokenId { get; set; } = string.Empty;

    /// <summary>The token secret (a UUID).</summary>
    public string TokenSecret { get; set; } = string.Empty;

    /// <summary>The node VMs are created on.</summary>
    public string Node { get; set; } = "pve";

    /// <summary>VMID of the cloud-init template to clone (instance config <c>template</c> overrides).</summary>
    public int TemplateVmid { get; set; } = 9000;

    /// <summary>Storage for the clone's disks (instance config <c>storage</c> overrides).</summary>
    public string Storage { get; set; } = "local-lvm";

    /// <summary>Resource pool to put VMs in; none when null.</summary>
    public string? Pool { get; set; }

    /// <summary>Accept a self-signed API certificate. Off by default; prefer installing the node's CA.</summary>
    public bool AllowInvalidCertificate { get; set; }

    /// <summary>How often tasks and the guest agent are polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a task or the VM's first address may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt for 429 and 5xx (the guest agent's 500 "not running" is polled, not retried).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
