namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>One source's attempt in one price round (<c>price_quotes</c>): its quote, or its failure's reason.</summary>
internal sealed class PriceQuoteRow
{
    public Guid Id { get; set; }

    /// <summary>The refresh round it belongs to: the latest round's rows are what the price view lists.</summary>
    public Guid RoundId { get; set; }

    public DateTimeOffset RoundAt { get; set; }

    public string Token { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    /// <summary>The quoted price; <c>null</c> when the source failed.</summary>
    public decimal? PriceUsd { get; set; }

    public DateTimeOffset ObservedAt { get; set; }

    public bool Used { get; set; }

    public string? Reason { get; set; }
}

/// <summary>A chosen price (<c>chosen_prices</c>): the price history; the newest row per token is the current price.</summary>
internal sealed class ChosenPriceRow
{
    public Guid Id { get; set; }

    public Guid RoundId { get; set; }

    public string Token { get; set; } = string.Empty;

    public decimal PriceUsd { get; set; }

    public DateTimeOffset ChosenAt { get; set; }

    public int SourceCount { get; set; }
}
