using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class AuditRowConfiguration : IEntityTypeConfiguration<AuditRow>
{
    public void Configure(EntityTypeBuilder<AuditRow> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.At).HasColumnName("at");
        builder.Property(a => a.Action).HasColumnName("action").HasMaxLength(128);
        builder.Property(a => a.Outcome).HasColumnName("outcome").HasMaxLength(64);
        builder.Property(a => a.Actor).HasColumnName("actor").HasMaxLength(128);
        builder.Property(a => a.Subject).HasColumnName("subject").HasMaxLength(256);
        builder.Property(a => a.ClientAddress).HasColumnName("client_address").HasMaxLength(64);
        builder.HasIndex(a => a.At);
    }
}
