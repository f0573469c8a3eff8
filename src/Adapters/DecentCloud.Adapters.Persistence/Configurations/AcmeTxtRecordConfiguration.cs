using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class AcmeTxtRecordConfiguration : IEntityTypeConfiguration<AcmeTxtRecord>
{
    public void Configure(EntityTypeBuilder<AcmeTxtRecord> builder)
    {
        builder.ToTable("acme_txt_records");
        builder.HasKey(r => r.DcId);
        builder.Ignore(r => r.Values);
        builder.Property(r => r.LatestValue).HasMaxLength(AcmeChallengeValue.Length);
        builder.Property(r => r.PreviousValue).HasMaxLength(AcmeChallengeValue.Length);
        builder.Versioned();
    }
}
