using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class AgentHeartbeatConfiguration : IEntityTypeConfiguration<AgentHeartbeat>
{
    public void Configure(EntityTypeBuilder<AgentHeartbeat> builder)
    {
        builder.ToTable("agent_heartbeats");
        builder.HasKey(h => h.AgentKey);
        builder.HasIndex(h => h.ProviderId);
        builder.Property(h => h.AgentVersion).HasMaxLength(64);
        builder.Property(h => h.ProvisionerTypes).HasMaxLength(512);
        builder.Property(h => h.Resources).HasMaxLength(8192);
        builder.Property(h => h.Bandwidth).HasMaxLength(8192);
        builder.Versioned();
    }
}
