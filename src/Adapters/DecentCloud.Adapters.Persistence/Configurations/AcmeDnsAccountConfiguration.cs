using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class AcmeDnsAccountConfiguration : IEntityTypeConfiguration<AcmeDnsAccount>
{
    public void Configure(EntityTypeBuilder<AcmeDnsAccount> builder)
    {
        builder.ToTable("acme_dns_accounts");
        builder.HasKey(a => a.DcId);
        builder.HasIndex(a => a.Username).IsUnique();
        builder.HasIndex(a => a.ProviderId);
        builder.Ignore(a => a.IsActive);
        builder.Versioned();
    }
}
