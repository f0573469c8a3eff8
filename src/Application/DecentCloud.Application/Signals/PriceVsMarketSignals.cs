using System.Globalization;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Signals;

/// <summary>
/// Signals of kind <c>price_vs_market</c>: each listed offering of the provider against its market, a warning when
/// more than <see cref="PriceVsMarket.WarningPercent"/> % off either way (too cheap is as suspicious as too dear).
/// </summary>
internal sealed class PriceVsMarketSignals(IOfferingStore offerings, IMarketOfferingReader market) : ITrustSignalSource
{
    public async Task<IReadOnlyList<TrustSignal>> ReadAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var signals = new List<TrustSignal>();
        foreach (var offering in (await offerings.ListByProviderAsync(providerId, cancellationToken)).Where(o => o.State != OfferingState.Retired))
        {
            var candidates = await market.ListSameSizeAsync(MarketClass.Of(offering), GetPriceVsMarketHandler.MarketSample, cancellationToken);
            var compared = PriceVsMarket.Compare(offering, candidates);
            if (compared.Percent is not { } percent)
            {
                continue;
            }

            var note = string.Create(CultureInfo.InvariantCulture,
                $"{(percent >= 0 ? "+" : "")}{percent} % against the average of {compared.Comparables} comparable offering(s)");
            signals.Add(new TrustSignal("price_vs_market", offering.Id.ToString(), "price_vs_market_percent", percent, "percent", "platform", now,
                compared.IsFarOff ? SignalFlag.Warning : SignalFlag.None, note));
        }

        return signals;
    }
}
