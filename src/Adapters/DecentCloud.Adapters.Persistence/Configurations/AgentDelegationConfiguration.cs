using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class AgentDelegationConfiguration : IEntityTypeConfiguration<AgentDelegation>
{
    public void Configure(EntityTypeBuilder<AgentDelegation> builder)
    {
        builder.ToTable("agent_delegations");
        builder.HasKey(d => d.AgentKey);
        builder.HasIndex(d => d.ProviderId);
        builder.Versioned();
    }
}
