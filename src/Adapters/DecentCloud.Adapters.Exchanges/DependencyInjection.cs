using DecentCloud.Adapters.Exchanges;
using DecentCloud.Application.Prices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the exchange price sources.</summary>
public static class DecentCloudExchangesServiceCollectionExtensions
{
    /// <summary>Adds Coinbase Exchange, Kraken and Binance as <see cref="IPriceSource"/>s (public endpoints: no key).</summary>
    public static IServiceCollection AddDecentCloudExchanges(this IServiceCollection services, ExchangesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        Refit.HttpClientFactoryExtensions.AddRefitGeneratedClient<ICoinbaseApi>(services).ConfigureHttpClient(c => Configure(c, options.CoinbaseBaseUrl));
        Refit.HttpClientFactoryExtensions.AddRefitGeneratedClient<IKrakenApi>(services).ConfigureHttpClient(c => Configure(c, options.KrakenBaseUrl));
        Refit.HttpClientFactoryExtensions.AddRefitGeneratedClient<IBinanceApi>(services).ConfigureHttpClient(c => Configure(c, options.BinanceBaseUrl));
        services.AddTransient<IPriceSource, CoinbasePriceSource>();
        services.AddTransient<IPriceSource, KrakenPriceSource>();
        services.AddTransient<IPriceSource, BinancePriceSource>();
        return services;
    }

    private static void Configure(HttpClient client, Uri baseUrl)
    {
        client.BaseAddress = baseUrl;
        // Coinbase refuses requests without a User-Agent; the others accept it.
        client.DefaultRequestHeaders.UserAgent.ParseAdd("DecentCloud-PriceOracle/1.0");
    }
}
