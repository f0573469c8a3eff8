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

        // A contract has at most one name: two concurrent claims for one contract cannot both commit.
        // Records older than names belonging to contracts have none and are not constrained.
        builder.HasIndex(r => r.ContractId).IsUnique().HasFilter("\"ContractId\" IS NOT NULL");
        builder.Versioned();
    }
}
