using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class ProviderScoreConfiguration : IEntityTypeConfiguration<ProviderScoreRow>
{
    public void Configure(EntityTypeBuilder<ProviderScoreRow> builder)
    {
        builder.ToTable("provider_scores", t =>
        {
            t.HasCheckConstraint("CK_provider_scores_Trust", "\"Trust\" IS NULL OR (\"Trust\" >= 0 AND \"Trust\" <= 100)");
            t.HasCheckConstraint("CK_provider_scores_Reliability", "\"ReliabilityHundredths\" >= 0 AND \"ReliabilityHundredths\" <= 10000");
        });
        builder.HasKey(s => s.ProviderId);
        builder.Property(s => s.Tier).HasMaxLength(16);
        builder.Property(s => s.Factors).HasMaxLength(65536);
        builder.HasIndex(s => new { s.Trust, s.ReliabilityHundredths });
        builder.HasIndex(s => s.ComputedAt);
    }
}
