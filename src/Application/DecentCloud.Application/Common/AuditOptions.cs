using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Common;

/// <summary>How long the audit trail keeps its entries (<see cref="PruneAuditTrail"/>).</summary>
public sealed class AuditOptions
{
    /// <summary>Entries older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00", ErrorMessage = "{0} must be between a day and 100 years (d.hh:mm:ss).")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Most refusals (entries whose outcome is not <c>ok</c>) kept; the oldest beyond it are deleted. Refusals are what
    /// an unauthenticated flood writes, so this bounds the table however long the retention; successful changes are
    /// never deleted by it, so a flood cannot push them out of the trail.
    /// </summary>
    [Range(1000, int.MaxValue, ErrorMessage = "{0} must be a whole number of at least 1000.")]
    public int MaxRefusals { get; set; } = 1_000_000;
}
