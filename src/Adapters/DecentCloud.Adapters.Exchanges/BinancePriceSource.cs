using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money.Prices;

namespace DecentCloud.Adapters.Exchanges;

/// <summary>
/// Binance spot: <c>{"symbol": "ICPUSDT", "price": "4.32100000"}</c>. Binance lists ICP against USDT, not USD: a
/// USDT price counts as USD here (the spread rule drops it should USDT ever lose its peg against the other sources).
/// ckUSDC is quoted as USDC on <c>USDCUSDT</c>, likewise counted as USD (ckUSDC is redeemable 1:1 for USDC). Binance
/// gives no ckUSDT price: USDT against USDT says nothing.
/// </summary>
internal sealed class BinancePriceSource(IBinanceApi api, TimeProvider time) : IPriceSource
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal) { ["ICP"] = "ICPUSDT", ["ckUSDC"] = "USDCUSDT" };

    public string Name => "binance";

    public IReadOnlyCollection<string> Tokens => Symbols.Keys;

    public async Task<PriceQuote> QuoteAsync(string token, CancellationToken cancellationToken)
    {
        var symbol = Symbols.GetValueOrDefault(token) ?? throw new PriceSourceException($"{Name} does not quote {token}");
        using var response = await api.TickerPriceAsync(symbol, cancellationToken);
        using var json = await TickerAnswer.ReadAsync(response, cancellationToken);
        var answered = TickerAnswer.Field(json.RootElement, "symbol").ToString();
        if (answered != symbol)
        {
            throw new PriceSourceException($"garbage: asked for {symbol}, answered {answered}");
        }

        return PriceQuote.Create(Name, token, TickerAnswer.Price(TickerAnswer.Field(json.RootElement, "price"), "price"), time.GetUtcNow()).Value;
    }
}
