namespace DecentCloud.Domain.Marketplace;

/// <summary>Where an offering is in its life.</summary>
public enum OfferingState
{
    /// <summary><c>active</c>: listed and rentable while stock lasts.</summary>
    Active,
    /// <summary><c>paused</c>: hidden from search and not rentable; may resume.</summary>
    Paused,
    /// <summary><c>retired</c> (final): never rentable again; running contracts continue.</summary>
    Retired,
}

/// <summary>Wire names of <see cref="OfferingState"/>.</summary>
public static class OfferingStates
{
    /// <summary>The lower-case wire name.</summary>
    public static string ToWireName(this OfferingState state) => state switch
    {
        OfferingState.Active => "active",
        OfferingState.Paused => "paused",
        _ => "retired",
    };

    /// <summary>The state of a wire name, or <c>null</c>.</summary>
    public static OfferingState? FromWireName(string? name) => name switch
    {
        "active" => OfferingState.Active,
        "paused" => OfferingState.Paused,
        "retired" => OfferingState.Retired,
        _ => null,
    };
}
