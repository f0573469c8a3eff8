using DecentCloud.Adapters.Persistence;

namespace DecentCloud.Api.Configuration;

/// <summary>Wires the application and its adapters the way the API program and its admin verbs share.</summary>
public static class PlatformServices
{
    /// <summary>Adds the use cases, the stores, the crypto and the DNS provider chosen by <paramref name="settings"/>.</summary>
    public static IServiceCollection AddDecentCloudPlatform(this IServiceCollection services, ApiSettings settings, bool withEmbeddedDnsServer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddDecentCloudApplication(
            gateway =>
            {
                gateway.Domain = settings.Gateway.Domain;
                gateway.GatewayPrefix = settings.Gateway.GatewayPrefix;
                gateway.PublicUrl = settings.Gateway.PublicUrl;
                gateway.TxtMaxAge = settings.Gateway.TxtMaxAge;
                gateway.SetupTokenLifetime = settings.Gateway.SetupTokenLifetime;
                foreach (var prefix in settings.Gateway.ExtraReservedPrefixes)
                {
                    gateway.ExtraReservedPrefixes.Add(prefix);
                }
            });
        services.Configure<DecentCloud.Application.Contracts.ContractTimeoutOptions>(o =>
        {
            o.RequestTimeout = settings.ContractTimeouts.RequestTimeout;
            o.ProvisioningTimeout = settings.ContractTimeouts.ProvisioningTimeout;
        });
        services.Configure<DecentCloud.Application.AgentProtocol.AgentProtocolOptions>(o =>
        {
            o.LeaseLength = settings.AgentProtocol.LeaseLength;
            o.HeartbeatInterval = settings.AgentProtocol.HeartbeatInterval;
            o.CredentialLifetime = settings.AgentProtocol.CredentialLifetime;
        });
        services.AddDecentCloudPersistence(settings.Persistence);
        services.AddDecentCloudCrypto();
        if (settings.Cloudflare is not null)
        {
            services.AddDecentCloudCloudflareDns(settings.Cloudflare);
        }
        else if (withEmbeddedDnsServer)
        {
            services.AddDecentCloudEmbeddedDns(settings.EmbeddedDns);
        }
        else
        {
            // Admin verbs write to the same store the running server answers from, without binding its port.
            services.AddSingleton<DecentCloud.Adapters.EmbeddedDns.StoreBackedDnsPublisher>();
            services.AddSingleton<DecentCloud.Application.AcmeDns.IDnsTxtPublisher>(sp => sp.GetRequiredService<DecentCloud.Adapters.EmbeddedDns.StoreBackedDnsPublisher>());
            services.AddSingleton<DecentCloud.Application.Dns.IDnsAddressPublisher>(sp => sp.GetRequiredService<DecentCloud.Adapters.EmbeddedDns.StoreBackedDnsPublisher>());
        }

        return services;
    }

    /// <summary>The one-line description of where DNS goes, for the start-up log.</summary>
    public static string DescribeDns(this ApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Cloudflare is null
            ? $"embedded DNS server on {settings.EmbeddedDns.Listen}"
            : $"Cloudflare zone {settings.Cloudflare.ZoneId}";
    }

    /// <summary>Which database is used, without credentials.</summary>
    public static string DescribeDatabase(this PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UsesPostgres ? "PostgreSQL" : $"SQLite file {Path.GetFullPath(options.SqlitePath)}";
    }
}
