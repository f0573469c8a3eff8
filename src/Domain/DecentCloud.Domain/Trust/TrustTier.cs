namespace DecentCloud.Domain.Trust;

/// <summary>The display tier of a trust score.</summary>
public enum TrustTier
{
    /// <summary>Score 80 or more.</summary>
    Reliable,
    /// <summary>Score 60 to 79.</summary>
    Caution,
    /// <summary>Score below 60.</summary>
    HighRisk,
}

/// <summary>The one definition of the display tiers: every route, page and sort uses it.</summary>
public static class TrustTiers
{
    /// <summary>The lowest score shown as <see cref="TrustTier.Reliable"/>.</summary>
    public const int ReliableFrom = 80;

    /// <summary>The lowest score shown as <see cref="TrustTier.Caution"/>.</summary>
    public const int CautionFrom = 60;

    /// <summary>The tier of a trust score.</summary>
    public static TrustTier Of(int score) => score >= ReliableFrom ? TrustTier.Reliable : score >= CautionFrom ? TrustTier.Caution : TrustTier.HighRisk;

    /// <summary>The wire name: <c>reliable</c>, <c>caution</c> or <c>high_risk</c>.</summary>
    public static string ToWireName(this TrustTier tier) => tier switch
    {
        TrustTier.Reliable => "reliable",
        TrustTier.Caution => "caution",
        _ => "high_risk",
    };

    /// <summary>Parses a wire name.</summary>
    public static TrustTier? FromWireName(string? name) =>
        Enum.GetValues<TrustTier>().Cast<TrustTier?>().FirstOrDefault(t => t!.Value.ToWireName() == name);
}
