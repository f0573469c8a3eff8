namespace DecentCloud.Adapters.Persistence;

/// <summary>Where the <c>rollup-health</c> job stopped: every platform check before it is in <c>health_rollups</c>.</summary>
internal sealed class HealthRollupCursorRow
{
    /// <summary>The one cursor's name.</summary>
    public const string Health = "health";

    public string Name { get; set; } = Health;

    public DateTimeOffset RolledUntil { get; set; }
}
