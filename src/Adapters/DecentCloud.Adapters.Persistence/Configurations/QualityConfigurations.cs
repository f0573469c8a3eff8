using DecentCloud.Domain.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class HealthCheckConfiguration : IEntityTypeConfiguration<HealthCheck>
{
    public void Configure(EntityTypeBuilder<HealthCheck> builder)
    {
        builder.ToTable("health_checks");
        builder.HasKey(c => c.Id);
        // Uptime reads a window of one contract, offering or provider; the rollup job and pruning read by time.
        builder.HasIndex(c => new { c.ContractId, c.At });
        builder.HasIndex(c => new { c.ProviderId, c.At });
        builder.HasIndex(c => new { c.OfferingId, c.At });
        builder.HasIndex(c => c.At);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Detail).HasMaxLength(HealthCheck.MaxDetailLength);
    }
}

internal sealed class HealthIncidentConfiguration : IEntityTypeConfiguration<HealthIncident>
{
    public void Configure(EntityTypeBuilder<HealthIncident> builder)
    {
        builder.ToTable("health_incidents");
        builder.HasKey(i => i.Id);
        builder.Ignore(i => i.IsOpen);
        builder.HasIndex(i => new { i.ContractId, i.StartedAt });
        builder.HasIndex(i => new { i.ProviderId, i.StartedAt });
        // At most one open incident per contract, held by the database too.
        builder.HasIndex(i => i.ContractId).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("IX_health_incidents_open");
        builder.ToTable(t => t.HasCheckConstraint("CK_health_incidents_order", "\"EndedAt\" IS NULL OR \"EndedAt\" >= \"StartedAt\""));
    }
}

internal sealed class HealthRollupConfiguration : IEntityTypeConfiguration<HealthRollup>
{
    public void Configure(EntityTypeBuilder<HealthRollup> builder)
    {
        builder.ToTable("health_rollups", t => t.HasCheckConstraint("CK_health_rollups_counts", "\"Healthy\" >= 0 AND \"Healthy\" <= \"Total\" AND \"ResponseOk\" <= \"Healthy\""));
        builder.HasKey(r => new { r.ContractId, r.HourStart });
        builder.HasIndex(r => new { r.ProviderId, r.HourStart });
        builder.HasIndex(r => new { r.OfferingId, r.HourStart });
    }
}

internal sealed class HealthRollupCursorConfiguration : IEntityTypeConfiguration<HealthRollupCursorRow>
{
    public void Configure(EntityTypeBuilder<HealthRollupCursorRow> builder)
    {
        builder.ToTable("health_rollup_cursors");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(32);
    }
}

internal sealed class HealthDisagreementConfiguration : IEntityTypeConfiguration<HealthDisagreement>
{
    public void Configure(EntityTypeBuilder<HealthDisagreement> builder)
    {
        builder.ToTable("health_disagreements");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.ContractId, d.At });
        builder.Property(d => d.PlatformStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.AgentStatus).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class SlaBreachConfiguration : IEntityTypeConfiguration<SlaBreach>
{
    public void Configure(EntityTypeBuilder<SlaBreach> builder)
    {
        builder.ToTable("sla_breaches");
        builder.HasKey(b => b.Id);
        // At most one alert per contract per hour, even from two instances at once.
        builder.HasIndex(b => new { b.ContractId, b.Hour }).IsUnique();
        builder.HasIndex(b => new { b.ProviderId, b.Hour });
        builder.Property(b => b.UptimePercent).HasPrecision(7, 4);
        builder.Property(b => b.TargetPercent).HasPrecision(7, 4);
    }
}

internal sealed class SelfReportedSliConfiguration : IEntityTypeConfiguration<SelfReportedSli>
{
    public void Configure(EntityTypeBuilder<SelfReportedSli> builder)
    {
        builder.ToTable("self_reported_slis");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.OfferingId, s.Day }).IsUnique();
        builder.HasIndex(s => new { s.ProviderId, s.Day });
        builder.Property(s => s.UptimePercent).HasPrecision(7, 4);
        builder.Property(s => s.ResponsePercent).HasPrecision(7, 4);
    }
}

internal sealed class ProbeScheduleConfiguration : IEntityTypeConfiguration<ProbeSchedule>
{
    public void Configure(EntityTypeBuilder<ProbeSchedule> builder)
    {
        builder.ToTable("probe_schedule");
        builder.HasKey(p => p.ContractId);
        builder.HasIndex(p => p.DueAt);
    }
}
