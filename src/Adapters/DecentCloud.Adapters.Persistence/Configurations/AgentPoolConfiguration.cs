using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class AgentPoolConfiguration : IEntityTypeConfiguration<AgentPool>
{
    public void Configure(EntityTypeBuilder<AgentPool> builder)
    {
        builder.ToTable("agent_pools");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(64);
    }
}
