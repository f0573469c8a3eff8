using DecentCloud.Domain.Agents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class AgentDelegationConfiguration : IEntityTypeConfiguration<AgentDelegation>
{
    public void Configure(EntityTypeBuilder<AgentDelegation> builder)
    {
        builder.ToTable("agent_delegations");
        // The key is the primary key, so one key acts for one provider; and that provider is never rewritten
        // (EF refuses to save a changed ProviderId), so no setup token or bug can hand a key to another provider.
        builder.HasKey(d => d.AgentKey);
        builder.Property(d => d.ProviderId).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Throw);
        builder.HasIndex(d => d.ProviderId);
        builder.Versioned();
    }
}
