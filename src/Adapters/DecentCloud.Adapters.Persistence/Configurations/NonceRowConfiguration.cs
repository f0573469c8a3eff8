using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class NonceRowConfiguration : IEntityTypeConfiguration<NonceRow>
{
    public void Configure(EntityTypeBuilder<NonceRow> builder)
    {
        // Lower-case column names: NonceStore writes this table with raw SQL.
        builder.ToTable("agent_nonces");
        builder.HasKey(n => new { n.AgentKey, n.Nonce });
        builder.Property(n => n.AgentKey).HasColumnName("agent_key").HasMaxLength(64);
        builder.Property(n => n.Nonce).HasColumnName("nonce").HasMaxLength(36);
        builder.Property(n => n.ForgetAfter).HasColumnName("forget_after");
        builder.HasIndex(n => n.ForgetAfter);
    }
}
