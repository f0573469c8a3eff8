using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.Trust;

/// <summary>How the <c>recompute-scores</c> job refreshes the stored scores.</summary>
public sealed class ScoreOptions
{
    /// <summary>
    /// A stored score older than this is recomputed by the next run. Below the job's interval, so every run refreshes
    /// every provider, while a second instance running just after finds them fresh and skips them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "{0} must be a positive duration up to 30 days (hh:mm:ss).")]
    public TimeSpan RecomputeAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Providers scored per transaction.</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be 1-10000.")]
    public int BatchSize { get; set; } = 50;
}
