using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Adapters.Exchanges;

/// <summary>Where the exchange price sources send their requests (section <c>Exchanges</c>); only tests change them.</summary>
public sealed class ExchangesOptions
{
    /// <summary>Coinbase Exchange's REST API (<c>DC_PRICE_COINBASE_URL</c>).</summary>
    [Required]
    public Uri CoinbaseBaseUrl { get; set; } = new("https://api.exchange.coinbase.com/");

    /// <summary>Kraken's REST API (<c>DC_PRICE_KRAKEN_URL</c>).</summary>
    [Required]
    public Uri KrakenBaseUrl { get; set; } = new("https://api.kraken.com/");

    /// <summary>Binance's spot REST API (<c>DC_PRICE_BINANCE_URL</c>).</summary>
    [Required]
    public Uri BinanceBaseUrl { get; set; } = new("https://api.binance.com/");
}
