namespace DecentCloud.Hosting.Configuration;

/// <summary>How the text of a legacy environment variable becomes a configuration value.</summary>
public enum LegacyValueKind
{
    /// <summary>Taken as it is (trimmed); empty means unset.</summary>
    Text,

    /// <summary>A positive whole number of seconds, bound as a <see cref="TimeSpan"/>.</summary>
    Seconds,

    /// <summary>A positive whole number.</summary>
    PositiveInteger,

    /// <summary>A comma-separated list, bound as a list of strings.</summary>
    CommaList,
}

/// <summary>
/// One environment variable of the original platform (<see cref="Name"/>) and the configuration key it sets
/// (<see cref="Key"/>, e.g. <c>Jobs:DefaultInterval</c>), so the old names keep working beside
/// <c>appsettings.json</c> and <c>Section__Key</c> variables.
/// </summary>
/// <param name="Name">The environment variable, e.g. <c>DC_SWEEP_INTERVAL_SECONDS</c>.</param>
/// <param name="Key">The configuration key it maps onto, e.g. <c>Jobs:DefaultInterval</c>.</param>
/// <param name="Kind">How its text is read.</param>
public sealed record LegacyVariable(string Name, string Key, LegacyValueKind Kind = LegacyValueKind.Text);
