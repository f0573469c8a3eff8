using System.Numerics;
using DecentCloud.Adapters.Persistence.Configurations;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DecentCloud.Adapters.Persistence;

/// <summary>
/// The EF Core model of the DecentCloud stores. Each provider has a small subclass that owns that provider's
/// migration set (Migrations/Sqlite, Migrations/Postgres); the model itself is this one class.
/// </summary>
public class DecentCloudDbContext : DbContext
{
    /// <summary>A context on the given options.</summary>
    public DecentCloudDbContext(DbContextOptions<DecentCloudDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider subclasses, which carry their own options type.</summary>
    protected DecentCloudDbContext(DbContextOptions options)
        : base(options)
    {
    }

    internal DbSet<AgentPool> Pools => Set<AgentPool>();

    internal DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    internal DbSet<AgentDelegation> Delegations => Set<AgentDelegation>();

    internal DbSet<AcmeDnsAccount> AcmeDnsAccounts => Set<AcmeDnsAccount>();

    internal DbSet<AcmeTxtRecord> AcmeTxtRecords => Set<AcmeTxtRecord>();

    internal DbSet<VmAddressRecord> VmAddressRecords => Set<VmAddressRecord>();

    internal DbSet<AuditRow> Audit => Set<AuditRow>();

    internal DbSet<Contract> Contracts => Set<Contract>();

    internal DbSet<Account> Accounts => Set<Account>();

    internal DbSet<HealthReport> HealthReports => Set<HealthReport>();

    internal DbSet<ContractCredential> Credentials => Set<ContractCredential>();

    internal DbSet<AgentHeartbeat> Heartbeats => Set<AgentHeartbeat>();

    internal DbSet<LedgerTransactionRow> LedgerTransactions => Set<LedgerTransactionRow>();

    internal DbSet<LedgerPostingRow> LedgerPostings => Set<LedgerPostingRow>();

    internal DbSet<LedgerBalanceRow> LedgerBalances => Set<LedgerBalanceRow>();

    internal DbSet<Domain.Marketplace.ProviderProfile> ProviderProfiles => Set<Domain.Marketplace.ProviderProfile>();

    internal DbSet<Domain.Marketplace.Offering> Offerings => Set<Domain.Marketplace.Offering>();

    internal DbSet<Domain.Money.Releases.RentalEscrow> RentalEscrows => Set<Domain.Money.Releases.RentalEscrow>();

    internal DbSet<Domain.Money.Releases.PaymentRelease> PaymentReleases => Set<Domain.Money.Releases.PaymentRelease>();

    internal DbSet<Domain.Money.Releases.Payout> Payouts => Set<Domain.Money.Releases.Payout>();

    internal DbSet<Domain.Money.Payouts.AutomatedPayout> AutomatedPayouts => Set<Domain.Money.Payouts.AutomatedPayout>();

    internal DbSet<Configurations.PriceQuoteRow> PriceQuotes => Set<Configurations.PriceQuoteRow>();

    internal DbSet<Configurations.ChosenPriceRow> ChosenPrices => Set<Configurations.ChosenPriceRow>();

    internal DbSet<Domain.Money.Deposits.Deposit> Deposits => Set<Domain.Money.Deposits.Deposit>();

    internal DbSet<Domain.Money.Deposits.DepositCursor> DepositCursors => Set<Domain.Money.Deposits.DepositCursor>();

    internal DbSet<Domain.Money.Deposits.DepositAddress> DepositAddresses => Set<Domain.Money.Deposits.DepositAddress>();

    internal DbSet<Configurations.ExternalBenchmarkRow> ExternalBenchmarks => Set<Configurations.ExternalBenchmarkRow>();

    internal DbSet<Configurations.ExternalSignalRow> ExternalSignals => Set<Configurations.ExternalSignalRow>();

    internal DbSet<Configurations.ExternalSignalImportRow> ExternalSignalImports => Set<Configurations.ExternalSignalImportRow>();

    internal DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();

    internal DbSet<Domain.Notifications.NotificationSettings> NotificationSettings => Set<Domain.Notifications.NotificationSettings>();

    internal DbSet<Domain.Notifications.NotificationPack> NotificationPacks => Set<Domain.Notifications.NotificationPack>();

    internal DbSet<Configurations.NotificationUsageRow> NotificationUsage => Set<Configurations.NotificationUsageRow>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DcId>().HaveConversion<DcIdConverter>().HaveMaxLength(DcId.MaxLength);
        configurationBuilder.Properties<ProviderId>().HaveConversion<ProviderIdConverter>().HaveMaxLength(128);
        configurationBuilder.Properties<AgentPublicKey>().HaveConversion<AgentPublicKeyConverter>().HaveMaxLength(64);
        configurationBuilder.Properties<VmSlug>().HaveConversion<VmSlugConverter>().HaveMaxLength(VmSlug.Length);
        configurationBuilder.Properties<ContractId>().HaveConversion<ContractIdConverter>().HaveMaxLength(128);
        configurationBuilder.Properties<ContractState>().HaveConversion<ContractStateConverter>().HaveMaxLength(32);

        // Token amounts are up to 128 bits: PostgreSQL numeric(39,0) holds them exactly; SQLite has no such type, so text.
        if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<BigInteger>().HavePrecision(39, 0);
        }
        else
        {
            configurationBuilder.Properties<BigInteger>().HaveConversion<BigIntegerTextConverter>();
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DecentCloudDbContext).Assembly);
        Archive.ArchiveTables.Build(modelBuilder);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Optimistic concurrency: a row changed since it was read fails the save instead of losing an update.
        // A change inside an aggregate's owned collection (a device revoked, a transition added) is a change of the
        // aggregate: its owner's version moves too, so two writers that each changed a different owned row still
        // race on one version and the slower one fails (issue 10, finding 2: two devices revoking each other).
        var entries = ChangeTracker.Entries().ToList();
        var owners = new HashSet<EntityEntry>();
        foreach (var entry in entries.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (entry.State == EntityState.Modified)
            {
                owners.Add(entry);
            }

            if (OwnerOf(entry, entries) is { } owner)
            {
                owners.Add(owner);
            }
        }

        foreach (var entry in owners)
        {
            if (entry.State is EntityState.Modified or EntityState.Unchanged && entry.Metadata.FindProperty(Versioning.Property) is not null)
            {
                var property = entry.Property(Versioning.Property);
                property.CurrentValue = (long)property.OriginalValue! + 1;
            }
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The outermost aggregate that owns <paramref name="entry"/>, or <c>null</c> for an entity nobody owns.</summary>
    private static EntityEntry? OwnerOf(EntityEntry entry, IReadOnlyList<EntityEntry> entries)
    {
        var ownership = entry.Metadata.FindOwnership();
        if (ownership is null)
        {
            return null;
        }

        // A deleted owned row still carries its owner's key as an original value.
        var keyValues = ownership.Properties
            .Select(p => entry.State == EntityState.Deleted ? entry.Property(p.Name).OriginalValue : entry.Property(p.Name).CurrentValue)
            .ToArray();
        var owner = entries.FirstOrDefault(candidate =>
            ownership.PrincipalEntityType.IsAssignableFrom(candidate.Metadata)
            && ownership.PrincipalKey.Properties.Select(p => candidate.Property(p.Name).CurrentValue).SequenceEqual(keyValues));
        return owner is null ? null : OwnerOf(owner, entries) ?? owner;
    }
}
