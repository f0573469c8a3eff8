using DecentCloud.Adapters.Persistence;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DecentCloud.Api.Configuration;

/// <summary>Wires the application and its adapters the way the API program and its admin verbs share.</summary>
public static class PlatformServices
{
    /// <summary>Adds the use cases, the stores, the crypto and the DNS provider chosen by <paramref name="settings"/>.</summary>
    public static IServiceCollection AddDecentCloudPlatform(this IServiceCollection services, ApiSettings settings, bool withEmbeddedDnsServer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddDecentCloudApplication();

        // The options the use cases read through IOptions<T>, bound from the same configuration and checked again
        // when the host starts (ValidateOnStart), so a value the eager binding let through cannot slip in later.
        var config = settings.Configuration;
        services.AddValidatedOptions<GatewayOptions>(config, "Gateway");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.AddValidatedOptions<ContractTimeoutOptions>(config, "ContractTimeouts");
        services.AddValidatedOptions<AgentProtocolOptions>(config, "AgentProtocol");
        services.AddValidatedOptions<DecentCloud.Application.Accounts.QuotaOptions>(config, "Quotas");
        services.AddValidatedOptions<ContractRetentionOptions>(config, "ContractRetention");
        services.AddValidatedOptions<DecentCloud.Application.Retention.ContractArchiveOptions>(config, "ContractArchive");
        services.AddValidatedOptions<AuditOptions>(config, "Audit");
        services.AddValidatedOptions<DecentCloud.Application.Wallet.TopUpOptions>(config, "TopUps");
        services.AddValidatedOptions<DecentCloud.Application.Admin.AdminOptions>(config, "Admin");
        services.AddValidatedOptions<DecentCloud.Application.Releases.EscrowOptions>(config, "Escrow");
        services.AddValidatedOptions<DecentCloud.Application.Prices.PricesOptions>(config, "Prices");
        services.AddValidatedOptions<DecentCloud.Application.Payouts.PayoutsOptions>(config, "Payouts");
        services.AddValidatedOptions<DecentCloud.Application.Quality.QualityOptions>(config, "Quality");
        services.AddValidatedOptions<DecentCloud.Application.Notifications.Events.NotificationEventOptions>(config, "NotificationEvents");
        services.AddDecentCloudProbes(settings.Probes);
        services.AddValidatedOptions<DecentCloud.Application.Trust.ScoreOptions>(config, "Scores");
        services.AddValidatedOptions<DecentCloud.Application.Notifications.NotificationOptions>(config, "Notifications");

        // A channel exists only once its section is configured (SMTP host, bot token, Twilio account); without one, its
        // notifications fail at delivery with that reason and cost nothing, and in-app always works.
        services.AddNotificationChannels(config);
        if (settings.Prices.Sources.Count > 0)
        {
            // Opt-in: the API calls out to the exchanges only once DC_PRICE_SOURCES names them.
            services.AddDecentCloudExchanges(settings.Exchanges);
        }

        if (settings.Prices.Sources.Any(s => s is "kongswap" or "icpswap"))
        {
            // The DEX pools are read on the IC through the platform's own agent, only once DC_PRICE_SOURCES names one.
            services.AddDecentCloudIcpDex(settings.Ic, settings.IcDex);
        }

        services.AddValidatedOptions<DecentCloud.Application.Signals.ExternalSignalsOptions>(config, "ExternalSignals");
        if (settings.ExternalSignals.Sources.Count > 0)
        {
            // Opt-in: the API reads public listings only once ExternalSignals:Sources names one.
            services.AddDecentCloudBenchmarks();
        }

        services.AddValidatedOptions<DecentCloud.Application.Deposits.DepositOptions>(config, "Deposits");
        if (settings.DepositIdentity.HasIdentity && settings.Deposits.Tokens.Count > 0)
        {
            // Opt-in: without a deposit key or a token to scan, no ledger is read and the deposit address answers 503.
            services.AddDecentCloudIcpDeposits(settings.Ic, settings.DepositIdentity);
        }

        if (settings.Stripe is not null)
        {
            services.AddDecentCloudStripe(settings.Stripe);
        }
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
