using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DecentCloud.Adapters.Persistence;

/// <summary>The EF Core model of the DecentCloud stores.</summary>
public sealed class DecentCloudDbContext(DbContextOptions<DecentCloudDbContext> options) : DbContext(options)
{
    internal const string VersionProperty = "Version";

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

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Ticks since year 1 in UTC: ordered and comparable the same way in SQLite and PostgreSQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DcId>().HaveConversion<DcIdConverter>().HaveMaxLength(DcId.MaxLength);
        configurationBuilder.Properties<ProviderId>().HaveConversion<ProviderIdConverter>().HaveMaxLength(128);
        configurationBuilder.Properties<AgentPublicKey>().HaveConversion<AgentPublicKeyConverter>().HaveMaxLength(64);
        configurationBuilder.Properties<VmSlug>().HaveConversion<VmSlugConverter>().HaveMaxLength(VmSlug.Length);
        configurationBuilder.Properties<ContractId>().HaveConversion<ContractIdConverter>().HaveMaxLength(128);
        configurationBuilder.Properties<ContractState>().HaveConversion<ContractStateConverter>().HaveMaxLength(32);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AgentPool>(e =>
        {
            e.ToTable("agent_pools");
            e.HasKey(p => p.Id);
            e.HasIndex(p => p.Name).IsUnique();
            e.Property(p => p.Name).HasMaxLength(64);
        });
        modelBuilder.Entity<SetupToken>(e =>
        {
            e.ToTable("setup_tokens");
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.TokenHash).IsUnique();
            Versioned(e);
        });
        modelBuilder.Entity<AgentDelegation>(e =>
        {
            e.ToTable("agent_delegations");
            e.HasKey(d => d.AgentKey);
            e.HasIndex(d => d.ProviderId);
            Versioned(e);
        });
        modelBuilder.Entity<AcmeDnsAccount>(e =>
        {
            e.ToTable("acme_dns_accounts");
            e.HasKey(a => a.DcId);
            e.HasIndex(a => a.Username).IsUnique();
            e.HasIndex(a => a.ProviderId);
            e.Ignore(a => a.IsActive);
            Versioned(e);
        });
        modelBuilder.Entity<AcmeTxtRecord>(e =>
        {
            e.ToTable("acme_txt_records");
            e.HasKey(r => r.DcId);
            e.Ignore(r => r.Values);
            e.Property(r => r.LatestValue).HasMaxLength(AcmeChallengeValue.Length);
            e.Property(r => r.PreviousValue).HasMaxLength(AcmeChallengeValue.Length);
            Versioned(e);
        });
        modelBuilder.Entity<VmAddressRecord>(e =>
        {
            e.ToTable("vm_address_records");
            e.HasKey(r => new { r.DcId, r.Slug });
            e.Property(r => r.Address).HasMaxLength(15);
            Versioned(e);
        });
        modelBuilder.Entity<Contract>(e =>
        {
            e.ToTable("contracts");
            e.HasKey(c => c.Id);
            e.Ignore(c => c.IsPaymentSettled);
            e.HasIndex(c => new { c.State, c.StateSince });
            e.ComplexProperty(c => c.Terms, t =>
            {
                t.Ignore(x => x.IsFree);
                t.Property(x => x.PoolName).HasMaxLength(64);
                t.Property(x => x.OfferingId).HasMaxLength(128);
                t.Property(x => x.SshPublicKey).HasMaxLength(16384);
                t.Property(x => x.InstanceConfig).HasMaxLength(ContractTerms.MaxInstanceConfigLength);
                t.Property(x => x.PostProvisionScript).HasMaxLength(ContractTerms.MaxScriptLength);
            });
            e.Property(c => c.ExternalId).HasMaxLength(128);
            e.Property(c => c.InstanceDetails).HasMaxLength(8192);
            e.Property(c => c.LoginUser).HasMaxLength(32);
            e.Property(c => c.PasswordResetError).HasMaxLength(512);
            e.Property(c => c.PasswordReset).HasConversion<string>().HasMaxLength(16);
            e.OwnsMany(c => c.History, h =>
            {
                h.ToTable("contract_transitions");
                h.WithOwner().HasForeignKey("ContractId");
                h.Property<long>("Seq").ValueGeneratedOnAdd();
                h.HasKey("Seq");
                h.Property(t => t.Actor).HasMaxLength(128);
                h.Property(t => t.Reason).HasMaxLength(512);
            });
            e.Navigation(c => c.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
            Versioned(e);
        });
        modelBuilder.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(a => a.Id);
            e.Property(a => a.CredentialKeyHex).HasMaxLength(64);
            e.Ignore(a => a.ActiveDevices);
            e.OwnsMany(a => a.Devices, d =>
            {
                d.ToTable("account_devices");
                d.WithOwner().HasForeignKey("AccountId");
                d.HasKey(x => x.KeyHex);
                d.Property(x => x.KeyHex).HasMaxLength(64);
                d.Property(x => x.Label).HasMaxLength(64);
            });
            e.Navigation(a => a.Devices).HasField("_devices").UsePropertyAccessMode(PropertyAccessMode.Field);
            Versioned(e);
        });
        modelBuilder.Entity<HealthReport>(e =>
        {
            e.ToTable("health_reports");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.ContractId, r.CheckedAt });
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Details).HasMaxLength(HealthReport.MaxDetailsLength);
        });
        modelBuilder.Entity<ContractCredential>(e =>
        {
            e.ToTable("contract_credentials");
            e.HasKey(c => c.ContractId);
            e.HasIndex(c => c.ExpiresAt);
            e.Property(c => c.Envelope).HasMaxLength(ContractCredential.MaxEnvelopeLength);
            e.Property(c => c.LoginUser).HasMaxLength(32);
            Versioned(e);
        });
        modelBuilder.Entity<AgentHeartbeat>(e =>
        {
            e.ToTable("agent_heartbeats");
            e.HasKey(h => h.AgentKey);
            e.HasIndex(h => h.ProviderId);
            e.Property(h => h.AgentVersion).HasMaxLength(64);
            e.Property(h => h.ProvisionerTypes).HasMaxLength(512);
            e.Property(h => h.Resources).HasMaxLength(8192);
            e.Property(h => h.Bandwidth).HasMaxLength(8192);
            Versioned(e);
        });
        modelBuilder.Entity<AuditRow>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id");
            e.Property(a => a.At).HasColumnName("at");
            e.Property(a => a.Action).HasColumnName("action").HasMaxLength(128);
            e.Property(a => a.Outcome).HasColumnName("outcome").HasMaxLength(64);
            e.Property(a => a.Actor).HasColumnName("actor").HasMaxLength(128);
            e.Property(a => a.Subject).HasColumnName("subject").HasMaxLength(256);
            e.Property(a => a.ClientAddress).HasColumnName("client_address").HasMaxLength(64);
            e.HasIndex(a => a.At);
        });
        modelBuilder.Entity<NonceRow>(e =>
        {
            e.ToTable("agent_nonces");
            e.HasKey(n => new { n.AgentKey, n.Nonce });
            e.Property(n => n.AgentKey).HasColumnName("agent_key").HasMaxLength(64);
            e.Property(n => n.Nonce).HasColumnName("nonce").HasMaxLength(36);
            e.Property(n => n.ForgetAfter).HasColumnName("forget_after");
            e.HasIndex(n => n.ForgetAfter);
        });
        modelBuilder.ApplyConfiguration(new Configurations.OutboxMessageConfiguration());
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Optimistic concurrency: a row changed since it was read fails the save instead of losing an update.
        foreach (var entry in ChangeTracker.Entries())
        {
            var version = entry.Metadata.FindProperty(VersionProperty);
            if (version is not null && entry.State == EntityState.Modified)
            {
                var property = entry.Property(VersionProperty);
                property.CurrentValue = (long)property.OriginalValue! + 1;
            }
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private static void Versioned<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> entity)
        where T : class =>
        entity.Property<long>(VersionProperty).IsConcurrencyToken();

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));

    private sealed class DcIdConverter() : ValueConverter<DcId, string>(v => v.Value, v => DcId.Create(v).Value);

    private sealed class ProviderIdConverter() : ValueConverter<ProviderId, string>(v => v.Value, v => ProviderId.Create(v).Value);

    private sealed class AgentPublicKeyConverter() : ValueConverter<AgentPublicKey, string>(v => v.Hex, v => AgentPublicKey.FromHex(v).Value);

    private sealed class ContractIdConverter() : ValueConverter<ContractId, string>(v => v.Hex, v => ContractId.FromHex(v).Value);

    private sealed class ContractStateConverter() : ValueConverter<ContractState, string>(v => v.ToWireName(), v => ContractStates.FromWireName(v)!.Value);

    private sealed class VmSlugConverter() : ValueConverter<VmSlug, string>(v => v.Value, v => VmSlug.Create(v).Value);
}
