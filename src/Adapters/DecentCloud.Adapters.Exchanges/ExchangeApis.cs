using Refit;

namespace DecentCloud.Adapters.Exchanges;

/// <summary>Coinbase Exchange's public product ticker: <c>GET /products/{product_id}/ticker</c> (e.g. <c>ICP-USD</c>).</summary>
internal interface ICoinbaseApi
{
    /// <summary>The last trade, best bid/ask and 24 h volume of one product.</summary>
    [Get("/products/{productId}/ticker")]
    Task<HttpResponseMessage> TickerAsync(string productId, CancellationToken cancellationToken);
}

/// <summary>Kraken's public ticker: <c>GET /0/public/Ticker?pair=ICPUSD</c>.</summary>
internal interface IKrakenApi
{
    /// <summary>The ticker of one asset pair, under <c>result</c> keyed by Kraken's own pair name.</summary>
    [Get("/0/public/Ticker")]
    Task<HttpResponseMessage> TickerAsync([Query] string pair, CancellationToken cancellationToken);
}

/// <summary>Binance's spot symbol price ticker: <c>GET /api/v3/ticker/price?symbol=ICPUSDT</c>.</summary>
internal interface IBinanceApi
{
    /// <summary>The latest price of one symbol.</summary>
    [Get("/api/v3/ticker/price")]
    Task<HttpResponseMessage> TickerPriceAsync([Query] string symbol, CancellationToken cancellationToken);
}
