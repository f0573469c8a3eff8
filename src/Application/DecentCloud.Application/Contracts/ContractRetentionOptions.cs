using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Contracts;

/// <summary>How long contract requests that ended without a payment or a machine stay in the contracts table.</summary>
public sealed class ContractRetentionOptions
{
    /// <summary>An expired, rejected or cancelled request that was never paid nor provisioned is archived this long after it ended.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Requests archived per transaction.</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be 1-10000.")]
    public int BatchSize { get; set; } = 100;
}
