using DecentCloud.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class ContractCredentialConfiguration : IEntityTypeConfiguration<ContractCredential>
{
    public void Configure(EntityTypeBuilder<ContractCredential> builder)
    {
        builder.ToTable("contract_credentials");
        builder.HasKey(c => c.ContractId);
        builder.HasIndex(c => c.ExpiresAt);
        builder.Property(c => c.Envelope).HasMaxLength(ContractCredential.MaxEnvelopeLength);
        builder.Property(c => c.LoginUser).HasMaxLength(32);
        builder.Versioned();
    }
}
