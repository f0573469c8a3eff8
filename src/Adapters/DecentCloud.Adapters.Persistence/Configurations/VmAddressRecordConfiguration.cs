using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class VmAddressRecordConfiguration : IEntityTypeConfiguration<VmAddressRecord>
{
    public void Configure(EntityTypeBuilder<VmAddressRecord> builder)
    {
        builder.ToTable("vm_address_records");
        builder.HasKey(r => new { r.DcId, r.Slug });
        builder.Property(r => r.Address).HasMaxLength(15);
        builder.Versioned();
    }
}
