using DecentCloud.Application.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>Maps <see cref="OutboxMessage"/> onto the <c>outbox_messages</c> table.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Type).HasMaxLength(64);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(256);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();

        // The dispatcher's query: pending messages by due time.
        builder.HasIndex(m => new { m.ProcessedAt, m.NextAttemptAt });
    }
}
