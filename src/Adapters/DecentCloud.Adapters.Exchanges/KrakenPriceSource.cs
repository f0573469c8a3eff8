using System.Text.Json;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money.Prices;

namespace DecentCloud.Adapters.Exchanges;

/// <summary>
/// Kraken: <c>{"error": [], "result": {"ICPUSD": {"c": ["4.321", "1.0"], …}}}</c>; the price is the last trade
/// closed (<c>c[0]</c>). Kraken reports errors in <c>error</c> with status 200, so a non-empty list is a failure.
/// The stablecoins are quoted as the coins they are redeemable 1:1 for: ckUSDC on <c>USDCUSD</c>, ckUSDT on
/// <c>USDTZUSD</c> (Kraken's name for USDT/USD), both against USD itself.
/// </summary>
internal sealed class KrakenPriceSource(IKrakenApi api, TimeProvider time) : IPriceSource
{
    private static readonly Dictionary<string, string> Pairs = new(StringComparer.Ordinal) { ["ICP"] = "ICPUSD", ["ckUSDC"] = "USDCUSD", ["ckUSDT"] = "USDTZUSD" };

    public string Name => "kraken";

    public IReadOnlyCollection<string> Tokens => Pairs.Keys;

    public async Task<PriceQuote> QuoteAsync(string token, CancellationToken cancellationToken)
    {
        var pair = Pairs.GetValueOrDefault(token) ?? throw new PriceSourceException($"{Name} does not quote {token}");
        using var response = await api.TickerAsync(pair, cancellationToken);
        using var json = await TickerAnswer.ReadAsync(response, cancellationToken);
        if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var errors)
            && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            throw new PriceSourceException($"kraken error: {string.Join("; ", errors.EnumerateArray().Select(e => e.ToString()))}");
        }

        // The result is keyed by Kraken's name for the pair, which may differ from the one asked for: take the only entry.
        var result = TickerAnswer.Field(json.RootElement, "result");
        var entries = result.ValueKind == JsonValueKind.Object ? result.EnumerateObject().ToList() : [];
        if (entries.Count != 1)
        {
            throw new PriceSourceException($"garbage: result holds {entries.Count} pairs, not one");
        }

        var closed = TickerAnswer.Field(entries[0].Value, "c");
        if (closed.ValueKind != JsonValueKind.Array || closed.GetArrayLength() == 0)
        {
            throw new PriceSourceException("garbage: c is not [price, lot volume]");
        }

        return PriceQuote.Create(Name, token, TickerAnswer.Price(closed[0], "c[0]"), time.GetUtcNow()).Value;
    }
}
