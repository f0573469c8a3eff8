using DecentCloud.Adapters.Icp;
using DecentCloud.Adapters.Icp.Dex;
using DecentCloud.Application.Prices;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DEX price sources on the IC.</summary>
public static class DecentCloudIcpDexServiceCollectionExtensions
{
    /// <summary>
    /// Adds KongSwap (<c>kongswap</c>) and ICPSwap (<c>icpswap</c>) as <see cref="IPriceSource"/>s, reading their canisters
    /// through one anonymous agent on <paramref name="network"/> (query replies verified against its root key).
    /// </summary>
    public static IServiceCollection AddDecentCloudIcpDex(this IServiceCollection services, IcNetworkOptions network, IcDexOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DexAgent(network.CreateAgent()));
        services.AddTransient<IPriceSource>(sp => new KongSwapPriceSource(sp.GetRequiredService<DexAgent>().Transport, options, sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<IPriceSource>(sp => new IcpSwapPriceSource(sp.GetRequiredService<DexAgent>().Transport, options, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
