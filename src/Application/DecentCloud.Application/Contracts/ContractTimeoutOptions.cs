using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Contracts;

/// <summary>How long contracts may wait in the states that time out.</summary>
public sealed class ContractTimeoutOptions
{
    /// <summary>An unanswered or unpaid request (requested, pending) expires after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A provisioning that has not moved on this long after it began fails (lease renewals are not progress).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan ProvisioningTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Contracts handled per transaction.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a positive whole number.")]
    public int BatchSize { get; set; } = 100;
}
