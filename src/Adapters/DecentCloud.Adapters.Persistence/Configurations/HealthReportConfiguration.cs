using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class HealthReportConfiguration : IEntityTypeConfiguration<HealthReport>
{
    public void Configure(EntityTypeBuilder<HealthReport> builder)
    {
        builder.ToTable("health_reports");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.ContractId, r.CheckedAt });
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Details).HasMaxLength(HealthReport.MaxDetailsLength);
    }
}
