using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>Column sizes shared by the signal tables.</summary>
internal static class SignalColumns
{
    public const int Source = 64;
    public const int Kind = 32;
    public const int Subject = 256;
    public const int Metric = 64;
    public const int Unit = 16;
    public const int Context = 256;
    public const int Error = 1000;

    /// <summary>Figures: 22 integer and 6 fraction digits (IOPS and Mbit/s are large, percentages have decimals).</summary>
    public const int Precision = 28;
    public const int Scale = 6;
}

/// <summary>
/// Maps renters' benchmark figures. One row per figure; the unique index makes a figure appear once per submission,
/// the CHECK refuses a negative one whatever writes it.
/// </summary>
internal sealed class ExternalBenchmarkConfiguration : IEntityTypeConfiguration<ExternalBenchmarkRow>
{
    public void Configure(EntityTypeBuilder<ExternalBenchmarkRow> builder)
    {
        builder.ToTable("external_benchmarks", t => t.HasCheckConstraint("CK_external_benchmarks_Value", "CAST(\"Value\" AS REAL) >= 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ProviderId).HasMaxLength(128);
        builder.Property(r => r.YabsVersion).HasMaxLength(32);
        builder.Property(r => r.Source).HasMaxLength(SignalColumns.Source);
        builder.Property(r => r.Category).HasMaxLength(16);
        builder.Property(r => r.Metric).HasMaxLength(SignalColumns.Metric);
        builder.Property(r => r.Value).HasPrecision(SignalColumns.Precision, SignalColumns.Scale);
        builder.Property(r => r.Unit).HasMaxLength(SignalColumns.Unit);
        builder.Property(r => r.Context).HasMaxLength(SignalColumns.Context);
        builder.HasIndex(r => new { r.SubmissionId, r.Metric, r.Context }).IsUnique();
        builder.HasIndex(r => new { r.OfferingId, r.SubmittedAt });
        builder.HasIndex(r => new { r.ProviderId, r.SubmittedAt });
        builder.HasIndex(r => new { r.AccountId, r.OfferingId, r.SubmittedAt });
    }
}

/// <summary>Maps imported signals; the unique index makes a re-import of the same figure a no-op.</summary>
internal sealed class ExternalSignalConfiguration : IEntityTypeConfiguration<ExternalSignalRow>
{
    public void Configure(EntityTypeBuilder<ExternalSignalRow> builder)
    {
        builder.ToTable("external_signals", t => t.HasCheckConstraint("CK_external_signals_Kind", "\"Kind\" IN ('external_uptime', 'external_benchmark')"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Source).HasMaxLength(SignalColumns.Source);
        builder.Property(r => r.ProviderId).HasMaxLength(128);
        builder.Property(r => r.Kind).HasMaxLength(SignalColumns.Kind);
        builder.Property(r => r.Subject).HasMaxLength(SignalColumns.Subject);
        builder.Property(r => r.Metric).HasMaxLength(SignalColumns.Metric);
        builder.Property(r => r.Value).HasPrecision(SignalColumns.Precision, SignalColumns.Scale);
        builder.Property(r => r.Unit).HasMaxLength(SignalColumns.Unit);
        builder.Property(r => r.Context).HasMaxLength(SignalColumns.Context);
        builder.HasIndex(r => new { r.Source, r.Subject, r.Metric, r.Context, r.ObservedAt }).IsUnique();
        builder.HasIndex(r => new { r.ProviderId, r.ObservedAt });
    }
}

/// <summary>Maps each source's last import.</summary>
internal sealed class ExternalSignalImportConfiguration : IEntityTypeConfiguration<ExternalSignalImportRow>
{
    public void Configure(EntityTypeBuilder<ExternalSignalImportRow> builder)
    {
        builder.ToTable("external_signal_imports");
        builder.HasKey(r => r.Source);
        builder.Property(r => r.Source).HasMaxLength(SignalColumns.Source);
        builder.Property(r => r.LastError).HasMaxLength(SignalColumns.Error);
    }
}
