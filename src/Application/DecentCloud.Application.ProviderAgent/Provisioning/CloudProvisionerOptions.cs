namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>The timing and retry settings every cloud backend built on <see cref="CloudProvisioner{TMachine}"/> shares.</summary>
public abstract class CloudProvisionerOptions
{
    /// <summary>An API token with read/write rights on the account or project.</summary>
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>How often actions and machine state are polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an action or a machine's first address may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt for 429 and 5xx.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the answer names no wait.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
