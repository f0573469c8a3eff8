using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class GatewayQuotaConfiguration : IEntityTypeConfiguration<GatewayQuota>
{
    public void Configure(EntityTypeBuilder<GatewayQuota> builder)
    {
        // One row per provider (the key) with a row version: concurrent registrations of new dc_ids conflict here.
        builder.ToTable("gateway_quotas", t => t.HasCheckConstraint("CK_gateway_quotas_Registered", "\"Registered\" >= 0"));
        builder.HasKey(q => q.ProviderId);
        builder.Versioned();
    }
}
