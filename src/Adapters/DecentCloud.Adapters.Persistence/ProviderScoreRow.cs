using DecentCloud.Domain.Agents;

namespace DecentCloud.Adapters.Persistence;

/// <summary>
/// One provider's stored scores. The reliability score is kept in hundredths (an integer) so both databases sort it
/// exactly; the factors are JSON. A row without <see cref="ComputedAt"/> is only a placeholder for the job to fill.
/// </summary>
internal sealed class ProviderScoreRow
{
    public required ProviderId ProviderId { get; init; }

    public int? Trust { get; set; }

    public string? Tier { get; set; }

    public bool NotEnoughData { get; set; }

    public int ReliabilityHundredths { get; set; }

    public int SlaPenaltyHundredths { get; set; }

    public string Factors { get; set; } = "{}";

    public DateTimeOffset? ComputedAt { get; set; }
}
