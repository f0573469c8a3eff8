using System.Globalization;
using System.Text.Json;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money.Prices;

namespace DecentCloud.Adapters.Exchanges;

/// <summary>
/// Coinbase Exchange: <c>{"price": "4.321", "time": "2026-…Z", …}</c>. The quote is observed at the ticker's own
/// <c>time</c> (the last trade), so a market that stopped trading shows up as stale. ckUSDT is quoted as USDT on
/// <c>USDT-USD</c> (ckUSDT is redeemable 1:1 for USDT); Coinbase has no USDC-USD market (it treats USDC as USD).
/// </summary>
internal sealed class CoinbasePriceSource(ICoinbaseApi api, TimeProvider time) : IPriceSource
{
    private static readonly Dictionary<string, string> Products = new(StringComparer.Ordinal) { ["ICP"] = "ICP-USD", ["ckUSDT"] = "USDT-USD" };

    public string Name => "coinbase";

    public IReadOnlyCollection<string> Tokens => Products.Keys;

    public async Task<PriceQuote> QuoteAsync(string token, CancellationToken cancellationToken)
    {
        var product = Products.GetValueOrDefault(token) ?? throw new PriceSourceException($"{Name} does not quote {token}");
        using var response = await api.TickerAsync(product, cancellationToken);
        using var json = await TickerAnswer.ReadAsync(response, cancellationToken);
        var price = TickerAnswer.Price(TickerAnswer.Field(json.RootElement, "price"), "price");
        var at = json.RootElement.TryGetProperty("time", out var t) && t.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var traded)
                ? traded
                : time.GetUtcNow();
        return PriceQuote.Create(Name, token, price, at).Value;
    }
}
