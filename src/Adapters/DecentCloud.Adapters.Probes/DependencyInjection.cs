using DecentCloud.Adapters.Probes;
using DecentCloud.Application.Quality;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the platform probes.</summary>
public static class DecentCloudProbesServiceCollectionExtensions
{
    /// <summary>Adds the TCP and HTTPS probe as the <see cref="IServiceProbe"/> (one instance, one connection per probe).</summary>
    public static IServiceCollection AddDecentCloudProbes(this IServiceCollection services, ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IServiceProbe>(_ => new TcpHttpsServiceProbe(options));
        return services;
    }
}
