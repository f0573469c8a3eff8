using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Retention;

/// <summary>When ended contracts move to the archive, and how long their payment records are kept there.</summary>
public sealed class ContractArchiveOptions
{
    /// <summary>A contract in a terminal state moves to the archive this many days after it ended.</summary>
    [Range(1, 36_500, ErrorMessage = "{0} must be 1-36500 days.")]
    public int RetentionDays { get; set; } = 180;

    /// <summary>
    /// Payment records (escrows, releases, refunds) of an archived contract are kept at least this many years after
    /// archival (the legal retention period); their archive rows carry the date before which nothing may prune them.
    /// </summary>
    [Range(1, 100, ErrorMessage = "{0} must be 1-100 years.")]
    public int PaymentRecordRetentionYears { get; set; } = 10;

    /// <summary>The retention period as a duration.</summary>
    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
