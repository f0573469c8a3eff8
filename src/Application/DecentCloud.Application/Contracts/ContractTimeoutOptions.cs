namespace DecentCloud.Application.Contracts;

/// <summary>How long contracts may wait in the states that time out.</summary>
public sealed class ContractTimeoutOptions
{
    /// <summary>An unanswered or unpaid request (requested, pending) expires after this.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A provisioning without progress fails after this.</summary>
    public TimeSpan ProvisioningTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Contracts handled per transaction.</summary>
    public int BatchSize { get; set; } = 100;
}
