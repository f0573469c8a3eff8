using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class ContractRequestArchiveConfiguration : IEntityTypeConfiguration<ContractRequestArchiveRow>
{
    /// <summary>Longest history kept; a request that ended unanswered has a handful of transitions.</summary>
    public const int MaxHistoryLength = 8192;

    public void Configure(EntityTypeBuilder<ContractRequestArchiveRow> builder)
    {
        builder.ToTable("contract_request_archive");
        builder.HasKey(r => r.ContractId);
        builder.Property(r => r.ContractId).HasMaxLength(128);
        builder.Property(r => r.ProviderId).HasMaxLength(128);
        builder.Property(r => r.Pool).HasMaxLength(64);
        builder.Property(r => r.OfferingId).HasMaxLength(128);
        builder.Property(r => r.FinalState).HasMaxLength(32);
        builder.Property(r => r.RequestedFrom).HasMaxLength(ClientOrigin.MaxLength);
        builder.Property(r => r.History).HasMaxLength(MaxHistoryLength);
        builder.HasIndex(r => r.RequesterAccountId);
        builder.HasIndex(r => r.ProviderId);
    }
}
