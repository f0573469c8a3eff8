using DecentCloud.Adapters.Benchmarks;
using DecentCloud.Application.Signals;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the external signal importers.</summary>
public static class DecentCloudBenchmarksServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Uptime Kuma status page and YABS listing importers as <see cref="IExternalSignalImporter"/>s; their
    /// limits (time-out, size) come from <see cref="ExternalSignalsOptions"/>.
    /// </summary>
    public static IServiceCollection AddDecentCloudBenchmarks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ListingReader.ClientName, c =>
        {
            c.DefaultRequestHeaders.UserAgent.ParseAdd("DecentCloud-SignalImporter/1.0");
            c.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        });
        services.TryAddTransient<ListingReader>();
        services.AddTransient<IExternalSignalImporter, UptimeKumaImporter>();
        services.AddTransient<IExternalSignalImporter, YabsListingImporter>();
        return services;
    }
}
