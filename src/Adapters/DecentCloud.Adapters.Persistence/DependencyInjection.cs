using DecentCloud.Adapters.Persistence;
using DecentCloud.Adapters.Persistence.Stores;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the persistence adapter.</summary>
public static class DecentCloudPersistenceServiceCollectionExtensions
{
    /// <summary>Adds the stores on PostgreSQL when a connection string is set, else on the SQLite file.</summary>
    public static IServiceCollection AddDecentCloudPersistence(this IServiceCollection services, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        // One model, two context types: each provider's type owns that provider's migration set.
        if (options.UsesPostgres)
        {
            services.AddDbContext<DecentCloudDbContext, PostgresDecentCloudDbContext>(db => db.UseNpgsql(options.PostgresConnectionString));
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = options.SqlitePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                DefaultTimeout = 30,
            };
            services.AddSingleton(sp => new SqliteFiles(
                options.SqlitePath, sp.GetService<ILoggerFactory>()?.CreateLogger<SqliteFiles>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteFiles>.Instance));
            services.AddDbContext<DecentCloudDbContext, SqliteDecentCloudDbContext>(
                (sp, db) => db.UseSqlite(builder.ToString()).AddInterceptors(new SqlitePragmas(sp.GetRequiredService<SqliteFiles>())));
        }

        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<HeldTransaction>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IAgentPoolStore, AgentPoolStore>();
        services.AddScoped<ISetupTokenStore, SetupTokenStore>();
        services.AddScoped<IAgentDelegationStore, AgentDelegationStore>();
        services.AddScoped<IAcmeDnsAccountStore, AcmeDnsAccountStore>();
        services.AddScoped<IAcmeTxtRecordStore, AcmeTxtRecordStore>();
        services.AddScoped<IVmAddressRecordStore, VmAddressRecordStore>();
        services.AddScoped<INonceStore, NonceStore>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<DecentCloud.Application.Contracts.IContractStore, ContractStore>();
        services.AddScoped<DecentCloud.Application.Contracts.ICredentialStore, CredentialStore>();
        services.AddScoped<DecentCloud.Application.Contracts.IHealthReportStore, HealthReportStore>();
        services.AddScoped<DecentCloud.Application.Accounts.IAccountStore, AccountStore>();
        services.AddScoped<DecentCloud.Application.Contracts.IContractRequestArchive, ContractRequestArchive>();
        services.AddScoped<DecentCloud.Application.Trust.IContractFeedbackStore, ContractFeedbackStore>();
        services.AddScoped<DecentCloud.Application.Trust.IProviderScoreStore, ProviderScoreStore>();
        services.AddScoped<DecentCloud.Application.Trust.IProviderTrustFactsReader, ProviderTrustFactsReader>();
        services.AddScoped<DecentCloud.Application.Trust.IContractOutcomeSource, LiveContractOutcomeSource>();
        services.AddScoped<DecentCloud.Application.Trust.IContractOutcomeSource, RequestArchiveOutcomeSource>();
        services.AddScoped<DecentCloud.Application.AgentProtocol.IAgentHeartbeatStore, AgentHeartbeatStore>();
        services.AddScoped<DecentCloud.Application.Books.ILedger, LedgerStore>();
        services.AddScoped<DecentCloud.Application.Books.ILedgerAudit, LedgerAudit>();
        services.AddScoped<DecentCloud.Application.Wallet.IWalletEntries, WalletEntryStore>();
        services.AddScoped<DecentCloud.Application.Marketplace.IProviderProfileStore, ProviderProfileStore>();
        services.AddScoped<DecentCloud.Application.Marketplace.IOfferingStore, OfferingStore>();
        services.AddScoped<DecentCloud.Application.ProviderSelfService.IProviderSelfServiceStore, ProviderSelfServiceStore>();
        services.AddScoped<DecentCloud.Application.Releases.IReleaseStore, ReleaseStore>();
        services.AddScoped<DecentCloud.Application.Payouts.IPayoutStore, PayoutStore>();
        services.AddScoped<DecentCloud.Application.Payouts.IAutomatedPayoutStore, AutomatedPayoutStore>();
        services.AddScoped<DecentCloud.Application.Earnings.IEarningsReader, EarningsReader>();
        services.AddScoped<DecentCloud.Application.Prices.IPriceStore, PriceStore>();
        services.AddScoped<DecentCloud.Application.Deposits.IDepositStore, DepositStore>();
        services.AddScoped<DecentCloud.Application.Retention.IContractArchive, DecentCloud.Adapters.Persistence.Archive.ContractArchiveStore>();
        services.AddScoped<DecentCloud.Application.Trust.IContractOutcomeSource, DecentCloud.Adapters.Persistence.Archive.ArchivedContractOutcomes>();
        foreach (var mirror in DecentCloud.Adapters.Persistence.Archive.ArchiveTables.Parts)
        {
            services.AddScoped<DecentCloud.Application.Retention.IContractArchivePart>(sp => ActivatorUtilities.CreateInstance<DecentCloud.Adapters.Persistence.Archive.MirroredArchivePart>(sp, mirror));
        }

        services.AddScoped<DecentCloud.Application.Quality.IProbeScheduleStore, ProbeScheduleStore>();
        services.AddScoped<DecentCloud.Application.Quality.IHealthCheckStore, HealthCheckStore>();
        services.AddScoped<DecentCloud.Application.Quality.IHealthRollupStore, HealthRollupStore>();
        services.AddScoped<DecentCloud.Application.Quality.ISlaBreachStore, SlaBreachStore>();
        services.AddScoped<DecentCloud.Application.Quality.ISelfReportedSliStore, SelfReportedSliStore>();
        services.AddScoped<UptimeReader>();
        services.AddScoped<DecentCloud.Application.Quality.IUptimeReader>(sp => sp.GetRequiredService<UptimeReader>());
        services.AddScoped<DecentCloud.Application.Quality.ISlaDayReader>(sp => sp.GetRequiredService<UptimeReader>());
        services.AddScoped<DecentCloud.Application.Signals.IBenchmarkStore, BenchmarkStore>();
        services.AddScoped<DecentCloud.Application.Signals.IExternalSignalStore, ExternalSignalStore>();
        services.AddScoped<DecentCloud.Application.Signals.IMarketOfferingReader, MarketOfferingReader>();
        services.AddScoped<DecentCloud.Application.Notifications.INotificationStore, NotificationStore>();
        services.AddScoped<DecentCloud.Application.Notifications.INotificationSettingsStore, NotificationSettingsStore>();
        services.AddScoped<DecentCloud.Application.Notifications.INotificationPackStore, NotificationPackStore>();
        services.AddScoped<DecentCloud.Application.Notifications.INotificationQuotaGate, NotificationQuotaGate>();
        services.AddScoped<OutboxStore>();
        services.AddScoped<DecentCloud.Application.Outbox.IOutbox>(sp => sp.GetRequiredService<OutboxStore>());
        services.AddScoped<DecentCloud.Application.Outbox.IOutboxStore>(sp => sp.GetRequiredService<OutboxStore>());
        return services;
    }

    /// <summary>
    /// Creates the database's schema or brings it up to date by applying the pending migrations under a
    /// database-wide lock (SQLite: also creates the file's folder 0700 and the file 0600, see <see cref="SqliteFiles"/>,
    /// and turns on WAL mode).
    /// </summary>
    public static async Task InitializeDecentCloudDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<PersistenceOptions>();
        if (!options.UsesPostgres)
        {
            // Before the migration lock file, which lives in the database's folder.
            services.GetRequiredService<SqliteFiles>().EnsurePrepared();
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().ApplyAsync(cancellationToken);
        if (!options.UsesPostgres)
        {
            // WAL lets the API and an admin command use the file at the same time.
            var db = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
