namespace DecentCloud.Application.Prices;

/// <summary>
/// One source's part in one refresh round: its quote (or none when it failed), whether the chosen price used it, and
/// why not (<c>timeout</c>, <c>error: …</c>, or a <see cref="Domain.Money.Prices.QuoteVerdict"/> reason).
/// </summary>
/// <param name="Source">The source's name.</param>
/// <param name="Token">The token symbol.</param>
/// <param name="PriceUsd">The quoted USD price, or <c>null</c> when the source failed.</param>
/// <param name="At">When the quote was observed, or when the failed attempt ended.</param>
/// <param name="Used">Whether the chosen price's median includes it.</param>
/// <param name="Reason">Why it was not used; <c>null</c> when used.</param>
public sealed record SourceAttempt(string Source, string Token, decimal? PriceUsd, DateTimeOffset At, bool Used, string? Reason)
{
    /// <summary>The reason stored for a source that did not answer within <see cref="PricesOptions.SourceTimeout"/>.</summary>
    public const string Timeout = "timeout";

    /// <summary>The longest stored reason.</summary>
    public const int MaxReasonLength = 200;
}
