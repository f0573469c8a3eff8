using DecentCloud.Domain.Money.Prices;

namespace DecentCloud.Application.Prices;

/// <summary>
/// One independent price source: a centralised exchange's public ticker, or a DEX pool on the IC read through the
/// platform's own agent. <see cref="RefreshPrices"/> asks every source that is on and quotes the token; the default
/// quorum counts those sources per token (see <see cref="PricesOptions.Quorum"/>).
/// </summary>
public interface IPriceSource
{
    /// <summary>The source's configured name (lower case, e.g. <c>kraken</c>); names the source in <c>Prices:Sources</c>, in stored quotes and in the API.</summary>
    string Name { get; }

    /// <summary>The token symbols this source quotes (e.g. <c>ICP</c>).</summary>
    IReadOnlyCollection<string> Tokens { get; }

    /// <summary>
    /// The source's current USD price of one whole <paramref name="token"/>. Throws <see cref="PriceSourceException"/>
    /// when the answer is not a usable price (garbage, an error status); a time-out is the caller's cancellation.
    /// </summary>
    Task<PriceQuote> QuoteAsync(string token, CancellationToken cancellationToken);
}
