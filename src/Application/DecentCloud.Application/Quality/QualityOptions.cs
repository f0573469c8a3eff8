using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Quality;

/// <summary>Platform probes, hourly rollups and SLA detection (section <c>Quality</c>).</summary>
public sealed class QualityOptions
{
    /// <summary>Each provisioned or active contract is probed once per this interval (across all API instances).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "{0} must be 5 s to 1 day (hh:mm:ss).")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Contracts taken per lease (one transaction each).</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be 1-10000.")]
    public int ProbeBatchSize { get; set; } = 100;

    /// <summary>Probes run at once by one instance.</summary>
    [Range(1, 256, ErrorMessage = "{0} must be 1-256.")]
    public int ProbeConcurrency { get; set; } = 16;

    /// <summary>A healthy check answered within this counts toward the response SLI.</summary>
    [Range(1, 600_000, ErrorMessage = "{0} must be 1-600000 (milliseconds).")]
    public int ResponseObjectiveMs { get; set; } = 1000;

    /// <summary>Raw checks older than this are removed, and only once they are rolled up (at least 31 days, so 30-day figures can still read raw checks).</summary>
    [Range(31, 3650, ErrorMessage = "{0} must be 31-3650 (days).")]
    public int RawRetentionDays { get; set; } = 35;

    /// <summary>An hour is rolled up only this long after it ended, so a probe still running at its end is counted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be 0 to 1 day (hh:mm:ss).")]
    public TimeSpan RollupGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether uptime reads hourly rollups for the whole hours they cover (off: raw checks only; the same figures, slower).</summary>
    public bool ReadRollups { get; set; } = true;

    /// <summary>The uptime target of a contract whose offering names none (or that is not a rental), in percent.</summary>
    [Range(typeof(decimal), "0", "100", ErrorMessage = "{0} must be 0-100.")]
    public decimal DefaultSlaTargetPercent { get; set; } = 95m;

    /// <summary>Self-reported uptime this many points above the measured one is a red flag.</summary>
    [Range(typeof(decimal), "0", "100", ErrorMessage = "{0} must be 0-100.")]
    public decimal SliGapThresholdPoints { get; set; } = 5m;
}
