namespace DecentCloud.Api.Client;

/// <summary><c>GET /api/v1/prices/{token}</c>: a token's last chosen USD price, its age and its latest round's sources.</summary>
/// <param name="Token">The token symbol, e.g. <c>ICP</c>.</param>
/// <param name="PriceUsd">USD per whole token: the median of the sources that agreed.</param>
/// <param name="Stale">Older than the configured max age: shown, never used where a fresh price is needed.</param>
/// <param name="AgeSeconds">How old the price is, in whole seconds.</param>
/// <param name="At">When it was chosen.</param>
/// <param name="Sources">The latest round's sources (which may be newer than the price and say why it is stale).</param>
public sealed record TokenPrice(string Token, decimal PriceUsd, bool Stale, long AgeSeconds, DateTimeOffset At, IReadOnlyList<TokenPriceSource> Sources);

/// <summary>One source's quote in a price round.</summary>
/// <param name="Source">The source's name, e.g. <c>kraken</c>.</param>
/// <param name="PriceUsd">Its USD price; absent when it failed.</param>
/// <param name="At">When it was observed (or when the failed attempt ended).</param>
/// <param name="Used">Whether the median includes it.</param>
/// <param name="Reason">Why not: <c>stale</c>, <c>outlier</c>, <c>no_quorum</c>, <c>timeout</c>, <c>error: …</c>.</param>
public sealed record TokenPriceSource(string Source, decimal? PriceUsd, DateTimeOffset At, bool Used, string? Reason = null);
