using DecentCloud.Application.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Signals;

/// <summary>Registers the signal sources of this area (benchmarks, price against the market, imported listings).</summary>
internal static class SignalServices
{
    public static IServiceCollection AddSignalSources(this IServiceCollection services)
    {
        services.AddOptions<ExternalSignalsOptions>().ValidateDataAnnotations();
        services.AddScoped<ITrustSignalSource, BenchmarkSignals>();
        services.AddScoped<ITrustSignalSource, PriceVsMarketSignals>();
        services.AddScoped<ITrustSignalSource, ExternalSignals>();
        return services;
    }
}
